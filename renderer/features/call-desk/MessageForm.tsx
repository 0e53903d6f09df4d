import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { URGENCIES } from '../../../shared/domain/message';
import { Field } from '../../ui/Field';
import type { CallDeskStore } from './call-desk-store';
import { FieldInput } from './FieldInput';

/** The message, filling as she goes through the script; every box is editable and autosaved. */
export function MessageForm({ store, footer }: { store: CallDeskStore; footer?: ReactNode }) {
  const { t } = useTranslation();
  const firm = useStore(store, (s) => s.firm);
  const content = useStore(store, (s) => s.content);
  const issues = useStore(store, (s) => s.issues);
  const saveState = useStore(store, (s) => s.saveState);
  const saveError = useStore(store, (s) => s.saveError);
  const { setBox, setUrgency, toggleRecipient, answer, flush } = store.getState();
  if (!firm) return null;
  const error = (path: string) => issues.find((i) => i.path === `content.${path}`)?.message ?? null;
  const blur = () => void flush();
  const box = (
    name: 'callerName' | 'callerCompany' | 'callerPhone' | 'callerEmail' | 'motif' | 'callBack',
    type = 'text',
  ) => (
    <Field label={t(`callDesk.message.${name}`)} error={error(name)}>
      {(p) => (
        <input {...p} type={type} value={content[name]} onChange={(e) => setBox(name, e.target.value)} onBlur={blur} />
      )}
    </Field>
  );
  const recipientsError = error('recipients');

  return (
    <form className="cd-message" aria-labelledby="cd-message-title" onSubmit={(e) => e.preventDefault()}>
      <div className="row">
        <h2 id="cd-message-title" className="grow">
          {t('callDesk.message.title')}
        </h2>
        <span className={`cd-save cd-save--${saveState}`} role="status">
          {saveState === 'error'
            ? t('callDesk.message.saveError', { error: saveError ?? '' })
            : t(`callDesk.message.save.${saveState}`)}
        </span>
      </div>
      <fieldset className="cd-recipients">
        <legend>{t('callDesk.message.recipients')}</legend>
        {firm.people.map((person) => (
          <label key={person.id} className="checkbox">
            <input
              type="checkbox"
              checked={content.recipients.includes(person.id)}
              onChange={() => toggleRecipient(person.id)}
            />
            {person.name}
            {person.isDefaultRecipient ? <span className="muted"> ({t('callDesk.message.default')})</span> : null}
            {!person.email ? <span className="cd-warning-inline"> — {t('callDesk.message.noEmail')}</span> : null}
          </label>
        ))}
        {content.recipients.length === 0 ? (
          <p className="field__hint">{t('callDesk.message.defaultRecipientHint')}</p>
        ) : null}
        {recipientsError ? (
          <p className="field__error" role="alert">
            {recipientsError}
          </p>
        ) : null}
      </fieldset>
      <div className="form-grid">
        {box('callerName')}
        {box('callerCompany')}
        {box('callerPhone', 'tel')}
        {box('callerEmail', 'email')}
        {box('motif')}
        {box('callBack')}
      </div>
      <fieldset className="cd-urgency">
        <legend>{t('callDesk.message.urgency')}</legend>
        <div className="row">
          {URGENCIES.map((u) => (
            <label key={u} className={`cd-choice cd-choice--${u} ${content.urgency === u ? 'cd-choice--on' : ''}`}>
              <input
                type="radio"
                name="cd-urgency"
                value={u}
                checked={content.urgency === u}
                onChange={() => setUrgency(u)}
              />
              {t(`callDesk.urgency.${u}`)}
            </label>
          ))}
        </div>
        {firm.consignes.rules.urgentDefinition ? (
          <p className="field__hint">
            {t('callDesk.message.urgentDefinition', { definition: firm.consignes.rules.urgentDefinition })}
          </p>
        ) : null}
      </fieldset>
      <Field label={t('callDesk.message.body')} error={error('body')}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            value={content.body}
            onChange={(e) => setBox('body', e.target.value)}
            onBlur={blur}
          />
        )}
      </Field>
      {firm.messageFields.length > 0 ? (
        <div className="form-grid">
          {firm.messageFields.map((field) => (
            <Field
              key={field.key}
              label={field.required ? `${field.label} *` : field.label}
              error={error(`fields.${field.key}`)}
            >
              {(p) => (
                <FieldInput
                  id={p.id}
                  field={field}
                  compact
                  value={content.fields[field.key] ?? ''}
                  invalid={p['aria-invalid']}
                  {...(p['aria-describedby'] ? { describedBy: p['aria-describedby'] } : {})}
                  onChange={(v) => answer(field, v)}
                  onBlur={blur}
                />
              )}
            </Field>
          ))}
        </div>
      ) : null}
      {footer}
    </form>
  );
}
