import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../../shared/domain/message';
import { useApi } from '../../api/client';
import { MessageStatusBadge } from '../messages/MessageStatusBadge';
import { SmtpSettingsLink, useSmtpConfigured } from './OutboxWaiting';

/** After "Envoyer": the message's delivery status, live, and what to do next. */
export function SentPanel({
  messageId,
  onNewMessage,
  onClose,
}: {
  messageId: string;
  onNewMessage?: (() => void) | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [message, setMessage] = useState<MessageDetail | null>(null);
  const [contactNote, setContactNote] = useState<string | null>(null);
  const smtpConfigured = useSmtpConfigured();
  const panel = useRef<HTMLElement>(null);
  // The form she scrolled down to send is gone: bring what happened to it into view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  // Said as it is: without an SMTP account the message is saved and waits; nothing left.
  const waitsForSmtp = message?.status === 'a-transmettre' && smtpConfigured === false;

  useEffect(() => {
    let live = true;
    const refresh = () =>
      void api.messages.get({ id: messageId }).then((m) => {
        if (live) setMessage(m);
      });
    refresh();
    const off = api.events.subscribe('messages:changed', (payload) => {
      if (payload.id === messageId) refresh();
    });
    return () => {
      live = false;
      off();
    };
  }, [api, messageId]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.altKey && event.key.toLowerCase() === 'c') {
        event.preventDefault();
        void saveContact();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function saveContact() {
    try {
      const result = await api.messages.saveContact({ id: messageId });
      setContactNote(
        t(result.created ? 'callDesk.sent.contactCreated' : 'callDesk.sent.contactUpdated', {
          name: result.contact.name,
        }),
      );
    } catch (error) {
      setContactNote((error as Error).message);
    }
  }

  return (
    <section ref={panel} className="cd-message cd-sent" aria-labelledby="cd-sent-title">
      <h2 id="cd-sent-title">{t(waitsForSmtp ? 'callDesk.sent.waitingTitle' : 'callDesk.sent.title')}</h2>
      {waitsForSmtp ? (
        <div className="cd-outbox cd-outbox--blocked">
          <p>{t('callDesk.sent.waitingHint')}</p>
          <SmtpSettingsLink />
        </div>
      ) : null}
      {message ? (
        <>
          <p className="cd-sent__status">
            {t('callDesk.sent.status')} <MessageStatusBadge status={message.status} />
          </p>
          {/* Without an SMTP account the note above already says why it waits. */}
          {message.deliveryNote && !waitsForSmtp ? <p className="muted">{message.deliveryNote}</p> : null}
          <p>
            {message.callerName} — {message.motif}
          </p>
        </>
      ) : null}
      <div className="row">
        <button type="button" className="button" aria-keyshortcuts="Alt+C" onClick={() => void saveContact()}>
          {t('callDesk.sent.saveContact')}
        </button>
        {onNewMessage ? (
          <button type="button" className="button" onClick={onNewMessage}>
            {t('callDesk.sent.newMessage')}
          </button>
        ) : null}
        <button type="button" className="button button--primary" autoFocus onClick={onClose}>
          {t('callDesk.close')}
        </button>
      </div>
      {contactNote ? <p role="status">{contactNote}</p> : null}
    </section>
  );
}
