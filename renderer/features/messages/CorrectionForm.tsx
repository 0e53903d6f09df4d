import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES, type MessageContent, type MessageRecord } from '../../../shared/domain/message';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';

/** A correction after delivery: a new version mailed as "Correction", the sent one stays as it was. */
export function CorrectionForm({ message, onDone }: { message: MessageRecord; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [content, setContent] = useState<MessageContent>({
    recipients: message.recipients,
    callerName: message.callerName,
    callerCompany: message.callerCompany,
    callerPhone: message.callerPhone,
    callerEmail: message.callerEmail,
    motif: message.motif,
    urgency: message.urgency,
    callBack: message.callBack,
    body: message.body,
    fields: message.fields,
  });
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<MessageContent>) => setContent({ ...content, ...patch });
  const text = (name: 'callerName' | 'callerCompany' | 'callerPhone' | 'callerEmail' | 'motif' | 'callBack') => (
    <Field label={t(`callDesk.message.${name}`)}>
      {(p) => <input {...p} value={content[name]} onChange={(e) => set({ [name]: e.target.value })} />}
    </Field>
  );

  async function submit() {
    try {
      await api.messages.correct({ id: message.id, content });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <form
      className="group msg-correction"
      aria-label={t('callDesk.detail.correctionTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('callDesk.detail.correctionHint')}</p>
      <div className="form-grid">
        {text('callerName')}
        {text('callerCompany')}
        {text('callerPhone')}
        {text('callerEmail')}
        {text('motif')}
        {text('callBack')}
        <Field label={t('callDesk.message.urgency')}>
          {(p) => (
            <select
              {...p}
              value={content.urgency}
              onChange={(e) => set({ urgency: e.target.value as MessageContent['urgency'] })}
            >
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`callDesk.urgency.${u}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('callDesk.message.body')}>
        {(p) => <textarea {...p} rows={3} value={content.body} onChange={(e) => set({ body: e.target.value })} />}
      </Field>
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary">
        {t('callDesk.detail.sendCorrection')}
      </button>
    </form>
  );
}
