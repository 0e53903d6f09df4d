import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { MessageRecord } from '../../../shared/domain/message';
import type { ViewProps } from '../../app/views';
import { formatDateTime } from '../../ui/format';
import { CallDesk } from './CallDesk';
import { FirmSelect } from '../../ui/FirmSelect';
import { OutboxWaiting } from './OutboxWaiting';

interface OpenDesk {
  firmId: string;
  messageId: string | null;
  /** Changes on "Nouveau message" so the desk starts afresh for the same firm. */
  session: number;
}

/**
 * "Poste d'appel": take a message for a firm without a call (a caller who wrote, or came by), and pick up the
 * drafts left open (after a crash, or an interrupted call).
 */
export function CallDeskView({ api, firmsStore }: ViewProps) {
  const { t, i18n } = useTranslation();
  const firms = useStore(firmsStore, (s) => s.firms);
  const [chosenFirmId, setFirmId] = useState('');
  const firmId = chosenFirmId || firms[0]?.id || '';
  const [open, setOpen] = useState<OpenDesk | null>(null);
  const [drafts, setDrafts] = useState<MessageRecord[]>([]);

  const loadDrafts = useCallback(() => {
    void api.messages.list({ status: 'brouillon', limit: 50 }).then((page) => setDrafts(page.items));
  }, [api]);

  useEffect(() => {
    loadDrafts();
    return api.events.subscribe('messages:changed', loadDrafts);
  }, [api, loadDrafts]);

  if (open) {
    return (
      <div className="content cd-view">
        <CallDesk
          key={`${open.firmId}-${open.messageId ?? ''}-${open.session}`}
          firmId={open.firmId}
          messageId={open.messageId}
          onClose={() => {
            setOpen(null);
            loadDrafts();
          }}
          onNewMessage={() => setOpen({ firmId: open.firmId, messageId: null, session: open.session + 1 })}
        />
      </div>
    );
  }

  const firmName = (id: string) => firms.find((f) => f.id === id)?.name ?? id;
  return (
    <div className="content cd-start">
      <h1>{t('callDesk.view.title')}</h1>
      <p className="lead">{t('callDesk.view.intro')}</p>
      <OutboxWaiting />
      <div className="row">
        <label className="field">
          <span>{t('callDesk.view.firm')}</span>
          <FirmSelect firms={firms} value={firmId} onChange={setFirmId} />
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={!firmId}
          onClick={() => setOpen({ firmId, messageId: null, session: 0 })}
        >
          {t('callDesk.view.takeMessage')}
        </button>
      </div>
      <section aria-labelledby="cd-drafts-title" className="cd-drafts">
        <h2 id="cd-drafts-title">{t('callDesk.view.drafts')}</h2>
        {drafts.length === 0 ? <p className="muted">{t('callDesk.view.noDrafts')}</p> : null}
        <ul className="cd-drafts__list">
          {drafts.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="button button--plain cd-drafts__item"
                onClick={() => setOpen({ firmId: d.firmId, messageId: d.id, session: 0 })}
              >
                <strong>{firmName(d.firmId)}</strong> — {d.callerName || t('callDesk.view.unnamed')}
                {d.motif ? ` — ${d.motif}` : ''}
                <span className="muted">
                  {' '}
                  · {formatDateTime(d.updatedAt, i18n.language, firms.find((f) => f.id === d.firmId)?.timeZone)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
