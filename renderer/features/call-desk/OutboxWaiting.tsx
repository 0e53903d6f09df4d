import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { ShellContext } from '../../app/shell-context';

/**
 * Whether an SMTP account is set up (null while asking). Asked again when a message changes: once she has set one
 * up, the outbox sends what waited and says so.
 */
export function useSmtpConfigured(): boolean | null {
  const api = useApi();
  const [configured, setConfigured] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      void api.smtp.get({}).then((view) => {
        if (live) setConfigured(view.account !== null);
      });
    ask();
    const off = api.events.subscribe('messages:changed', ask);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return configured;
}

/** Opens « Réglages », where the SMTP account is set up. */
export function SmtpSettingsLink() {
  const { t } = useTranslation();
  const shell = useContext(ShellContext);
  if (!shell) return null;
  return (
    <button type="button" className="button" onClick={() => shell.getState().setSettingsOpen(true)}>
      {t('callDesk.outbox.openSettings')}
    </button>
  );
}

/** For the idle « Poste d’appel »: how many messages wait to be sent, and why when no account can send them. */
export function OutboxWaiting() {
  const { t } = useTranslation();
  const api = useApi();
  const configured = useSmtpConfigured();
  const [waiting, setWaiting] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const count = () =>
      void api.messages.list({ status: 'a-transmettre', limit: 1 }).then((page) => {
        if (live) setWaiting(page.total);
      });
    count();
    const off = api.events.subscribe('messages:changed', count);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  if (!waiting) return null;
  return (
    <section
      className={`cd-outbox${configured === false ? ' cd-outbox--blocked' : ''}`}
      role="status"
      aria-label={t('callDesk.outbox.label')}
    >
      <p>
        <strong>{t('callDesk.outbox.waiting', { count: waiting })}</strong>
        {configured === false ? ` — ${t('callDesk.outbox.noSmtp')}` : null}
      </p>
      {configured === false ? <SmtpSettingsLink /> : null}
    </section>
  );
}
