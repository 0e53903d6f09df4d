import { useContext, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useApi } from '../../api/client';
import { ShellContext } from '../../app/shell-context';
import { showNotice } from '../../ui/Notices';
import { deskAgendaShortcut } from '../agenda/DeskAgenda';
import { useDeskAgenda } from '../agenda/use-desk-agenda';
import { createCallDeskStore } from './call-desk-store';
import { ConsignesPanel } from './ConsignesPanel';
import { MessageForm } from './MessageForm';
import { ScriptRunnerPanel } from './ScriptRunnerPanel';
import { SentPanel } from './SentPanel';
import { useCallLive } from './use-call-live';

export interface CallDeskProps {
  firmId: string;
  /** The call being answered; absent when she takes a message that came by another channel. */
  callId?: string | null;
  /** Resume this draft instead of starting a new message. */
  messageId?: string | null;
  onClose(): void;
  /** Start over with a fresh message for the same firm (after sending). */
  onNewMessage?(): void;
}

/**
 * The on-call screen: the firm's script on the left, the message filling as she goes in the middle, the
 * consignes on the right. Alt+→ / Alt+← walk the script, Ctrl+Entrée sends, Échap closes (the draft is kept).
 */
export function CallDesk({ firmId, callId = null, messageId = null, onClose, onNewMessage }: CallDeskProps) {
  const { t } = useTranslation();
  const api = useApi();
  const shell = useContext(ShellContext);
  const store = useMemo(
    () => createCallDeskStore(api, { firmId, callId, messageId }),
    [api, firmId, callId, messageId],
  );
  const firm = useStore(store, (s) => s.firm);
  const loadError = useStore(store, (s) => s.loadError);
  const status = useStore(store, (s) => s.status);
  const sending = useStore(store, (s) => s.sending);
  const sendError = useStore(store, (s) => s.sendError);
  const consignesChange = useStore(store, (s) => s.consignesChange);
  const issues = useStore(store, (s) => s.issues);
  const deskRef = useRef<HTMLDivElement>(null);
  const callLive = useCallLive(callId);
  const agenda = useDeskAgenda(store, { firmId, callId, timeZone: firm?.profile.timeZone ?? 'Europe/Paris' });

  useEffect(() => {
    void store.getState().load();
    const flushOnHide = () => void store.getState().flush();
    window.addEventListener('pagehide', flushOnHide);
    return () => {
      window.removeEventListener('pagehide', flushOnHide);
      void store.getState().flush();
      store.getState().dispose();
    };
  }, [store]);

  useEffect(() => {
    if (firm) shell?.getState().setCurrentFirm(firm);
  }, [firm, shell]);

  // A refused send: the focus goes to the first field to fix, not nowhere.
  useEffect(() => {
    if (issues.length > 0) deskRef.current?.querySelector<HTMLElement>('.cd-message [aria-invalid="true"]')?.focus();
  }, [issues]);

  // Ctrl+Entrée sends from anywhere while the desk is open, even when the focus fell out of it (a modal dialog
  // keeps its own keys); Échap closes it when the focus fell to <body>.
  useEffect(() => {
    function onWindowKey(event: globalThis.KeyboardEvent) {
      // Échap too when the focus fell to <body> (the call card it was on went away with the call).
      if (event.key === 'Escape' && !event.defaultPrevented && event.target === document.body) {
        event.preventDefault();
        void close();
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.key !== 'Enter' || event.defaultPrevented) return;
      if ((event.target as Element | null)?.closest?.('dialog[open]')) return;
      event.preventDefault();
      const state = store.getState();
      if (state.status === null || state.status === 'brouillon') void state.send();
    }
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
    // Every render: `close` reads the latest props.
  });

  async function close() {
    await store.getState().flush();
    const { messageId: kept, status: keptStatus } = store.getState();
    // Closing never loses what she typed; say where it went.
    if (kept && keptStatus === 'brouillon') {
      showNotice({
        text: t('callDesk.draftKept'),
        ...(shell ? { action: { label: t('callDesk.showDrafts'), run: () => shell.getState().setView('desk') } } : {}),
      });
    }
    onClose();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const state = store.getState();
    const agendaMode = deskAgendaShortcut(event);
    if (agendaMode) {
      event.preventDefault();
      agenda.open(agendaMode);
    } else if (event.altKey && event.key === 'ArrowRight') {
      event.preventDefault();
      state.next();
    } else if (event.altKey && event.key === 'ArrowLeft') {
      event.preventDefault();
      state.back();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      void close();
    }
  }

  if (loadError) {
    return (
      <p role="alert" className="banner banner--error">
        {loadError}
      </p>
    );
  }
  if (!firm) return <p className="muted">{t('callDesk.loading')}</p>;
  const sent = status !== null && status !== 'brouillon';

  return (
    <div
      ref={deskRef}
      className={callId ? 'cd cd--on-call' : 'cd'}
      onKeyDown={onKeyDown}
      style={{ ['--firm-color' as string]: firm.profile.color }}
    >
      <header className="cd__header">
        <span className="swatch" style={{ background: firm.profile.color }} aria-hidden="true" />
        <h1 className="cd__firm">{firm.profile.name}</h1>
        {firm.profile.pronunciation ? (
          <span className="muted cd__pronunciation">{firm.profile.pronunciation}</span>
        ) : null}
        <span className="grow" />
        <span className="muted cd__call-state" role="status">
          {callId ? t(callLive ? 'callDesk.onCall' : 'callDesk.callEnded') : t('callDesk.withoutCall')}
        </span>
        {agenda.buttons}
        <button type="button" className="button" aria-keyshortcuts="Escape" onClick={() => void close()}>
          {t('callDesk.close')}
        </button>
      </header>
      <div className="cd__grid">
        <ScriptRunnerPanel store={store} onAppointment={() => agenda.open('book')} />
        {agenda.panel ? (
          <div className="cd-agenda">{agenda.panel}</div>
        ) : sent ? (
          <SentPanel messageId={store.getState().messageId!} onNewMessage={onNewMessage} onClose={() => void close()} />
        ) : (
          <MessageForm
            store={store}
            footer={
              <div className="cd-send">
                {sendError ? (
                  <p role="alert" className="banner banner--error">
                    {sendError}
                  </p>
                ) : null}
                <button
                  type="button"
                  className="button button--primary cd-send__button"
                  aria-keyshortcuts="Control+Enter"
                  disabled={sending}
                  onClick={() => void store.getState().send()}
                >
                  {t('callDesk.send')}
                </button>
              </div>
            }
          />
        )}
        <ConsignesPanel firm={firm} changedSince={consignesChange?.previousVersion ?? null} />
      </div>
    </div>
  );
}
