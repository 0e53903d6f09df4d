import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface Notice {
  id: number;
  text: string;
  action?: { label: string; run(): void };
}

interface NoticesState {
  notices: Notice[];
}

/** What the app says after a screen went away (the call desk closed on a kept draft): one place, under the header. */
const notices = createStore<NoticesState>()(() => ({ notices: [] }));
let nextId = 1;

export function showNotice(notice: Omit<Notice, 'id'>): void {
  const id = nextId++;
  // One notice at a time: the newest is what she just did.
  notices.setState({ notices: [{ ...notice, id }] });
}

export function dismissNotice(id: number): void {
  notices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

const SHOWN_MS = 12_000;

/**
 * Shows the notices as a polite status (read by screen readers), each with its action and a close button. A
 * notice that only informs goes away after a while; one that offers an action stays until she closes it or the
 * next notice replaces it: on the phone she may look at it only when the call allows (WCAG 2.2.1, no time limit
 * on something she can act on).
 */
export function NoticeHost() {
  const { t } = useTranslation();
  const list = useStore(notices, (s) => s.notices);
  useEffect(() => {
    const passing = list.filter((n) => !n.action);
    if (passing.length === 0) return;
    const timers = passing.map((n) => window.setTimeout(() => dismissNotice(n.id), SHOWN_MS));
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, [list]);
  // Notices belong to this window's life: none survives the host (a reload, another test).
  useEffect(() => () => notices.setState({ notices: [] }), []);
  return (
    <div className="notices" role="status" aria-live="polite">
      {list.map((n) => (
        <p key={n.id} className="notice">
          <span>{n.text}</span>
          {n.action ? (
            <button
              type="button"
              className="button button--plain"
              onClick={() => {
                dismissNotice(n.id);
                n.action!.run();
              }}
            >
              {n.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--plain notice__close"
            aria-label={t('notice.dismiss')}
            onClick={() => dismissNotice(n.id)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
