import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { MessageDetail } from '../../../shared/domain/message';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { useApi } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { ReadbackList } from '../../ui/ReadbackList';
import { CorrectionForm } from './CorrectionForm';
import type { MessagesStore } from './messages-store';
import { MessageStatusBadge } from './MessageStatusBadge';

/** The firm's own fields with their labels, without repeating what the boxes above already show. */
function labelledFields(m: MessageDetail): Array<[string, string]> {
  const boxes = new Set([m.callerName, m.callerCompany, m.callerPhone, m.callerEmail, m.motif, m.callBack]);
  const seen = new Set<string>();
  const rows: Array<[string, string]> = [];
  for (const { key, label } of m.fieldLabels) {
    const value = m.fields[key];
    if (!value || seen.has(key) || boxes.has(value)) continue;
    seen.add(key);
    rows.push([label, value]);
  }
  return rows;
}

/** One message in full: what was taken, where it went and when, and what can still be done with it. */
export function MessageDetailPanel({
  store,
  firmName,
  zoneOf,
}: {
  store: MessagesStore;
  firmName(id: string): string;
  /** The firm's zone: its times are shown in it. */
  zoneOf?(id: string): string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const m = useStore(store, (s) => s.detail);
  const [correcting, setCorrecting] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!m) return null;

  async function act(run: () => Promise<unknown>) {
    setError(null);
    setNote(null);
    try {
      await run();
      await store.getState().refresh(m!.id);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const rows: Array<[string, string]> = [
    [t('callDesk.message.callerName'), [m.callerName, m.callerCompany].filter(Boolean).join(' — ')],
    [
      t('callDesk.message.callerPhone'),
      m.callerPhone.startsWith('+') ? formatPhoneForDisplay(m.callerPhone) : m.callerPhone,
    ],
    [t('callDesk.message.callerEmail'), m.callerEmail],
    [t('callDesk.message.motif'), m.motif],
    [t('callDesk.message.urgency'), t(`callDesk.urgency.${m.urgency}`)],
    [t('callDesk.message.callBack'), m.callBack],
    ...labelledFields(m),
  ];

  return (
    <article className="msg-article" aria-labelledby="msg-detail-title">
      <header className="row">
        <h2 id="msg-detail-title" className="grow">
          {m.callerName || m.callerCompany || t('callDesk.view.unnamed')}
        </h2>
        <MessageStatusBadge status={m.status} />
      </header>
      <p className="muted">
        {firmName(m.firmId)} · {formatDateTime(m.createdAt, i18n.language, zoneOf?.(m.firmId))}
        {m.takenBy ? ` · ${m.takenBy}` : ''}
        {m.revision > 1 ? ` · ${t('callDesk.detail.revision', { revision: m.revision })}` : ''}
      </p>
      {m.deliveryNote ? (
        <p className={m.status === 'echec' ? 'banner banner--error' : 'banner cd-note'}>{m.deliveryNote}</p>
      ) : null}
      <ReadbackList rows={rows} />
      {m.body ? <p className="msg-article__body">{m.body}</p> : null}
      <div className="row">
        {m.status === 'echec' ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void act(() => api.messages.retry({ id: m.id }))}
          >
            {t('callDesk.detail.retry')}
          </button>
        ) : null}
        {m.status === 'transmis' || m.status === 'echec' || m.status === 'a-transmettre' ? (
          <button
            type="button"
            className="button"
            onClick={() => void act(() => api.messages.markHandled({ id: m.id }))}
          >
            {t('callDesk.detail.handled')}
          </button>
        ) : null}
        {m.status !== 'brouillon' ? (
          <button
            type="button"
            className="button"
            aria-expanded={correcting}
            onClick={() => setCorrecting(!correcting)}
          >
            {t('callDesk.detail.correct')}
          </button>
        ) : (
          <p className="muted">{t('callDesk.detail.draftHint')}</p>
        )}
        <button
          type="button"
          className="button button--plain"
          onClick={() =>
            void act(async () => {
              const r = await api.messages.saveContact({ id: m.id });
              setNote(
                t(r.created ? 'callDesk.sent.contactCreated' : 'callDesk.sent.contactUpdated', {
                  name: r.contact.name,
                }),
              );
            })
          }
        >
          {t('callDesk.sent.saveContact')}
        </button>
      </div>
      {note ? <p role="status">{note}</p> : null}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      {correcting ? (
        <CorrectionForm
          message={m}
          onDone={() => {
            setCorrecting(false);
            void store.getState().refresh(m.id);
          }}
        />
      ) : null}
      {m.deliveries.length > 0 ? (
        <section aria-labelledby="msg-history-title">
          <h3 id="msg-history-title">{t('callDesk.detail.history')}</h3>
          <ol className="msg-history">
            {m.deliveries.map((d, i) => (
              <li key={i} className={`msg-history__${d.outcome}`}>
                {formatDateTime(d.at, i18n.language, zoneOf?.(m.firmId))} — {t(`callDesk.detail.outcome.${d.outcome}`)}
                {d.kind === 'correction' ? ` (${t('callDesk.detail.correctionKind')})` : ''}
                {d.kind === 'digest' ? ` (${t('callDesk.detail.digestKind')})` : ''}
                {d.accepted.length ? ` — ${d.accepted.join(', ')}` : ''}
                {d.outcome !== 'sent' && d.detail ? <span className="muted"> — {d.detail}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
