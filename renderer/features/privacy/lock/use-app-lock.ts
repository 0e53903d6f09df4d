import { useEffect, useRef } from 'react';
import type { LockStatus } from '../../../../shared/domain/lock';
import type { Phone } from '../../../phone';
import { liveCalls } from '../../../phone/store';

/** Ctrl+Maj+L (⌘⇧L): lock now. L for « lock »; Ctrl+Maj+V would be Chromium's paste as plain text. */
export function isLockShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l';
}

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks after `idleMinutes` without a key, a click or a mouse move in the window, and on Ctrl+Maj+L. A live call
 * counts as activity (she may listen for minutes without touching anything): the idle time starts again when the
 * last call ends. Does nothing while the lock is off or already locked.
 */
/** What the page itself locks for; OS lock and suspend come from main. */
export type PageLockReason = 'idle' | 'shortcut';

export function useAppLock(
  status: LockStatus | null,
  phone: Phone | null,
  lock: (reason: PageLockReason) => void,
): void {
  const lockRef = useRef(lock);
  useEffect(() => {
    lockRef.current = lock;
  });
  const armed = status !== null && status.enabled && status.state === 'unlocked';
  const idleMs = (status?.idleMinutes ?? 5) * 60_000;

  useEffect(() => {
    if (!armed) return;
    function onKeyDown(event: KeyboardEvent) {
      if (!isLockShortcut(event)) return;
      event.preventDefault();
      lockRef.current('shortcut');
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [armed]);

  useEffect(() => {
    if (!armed) return;
    let timer: number | undefined;
    const inCall = () => (phone ? liveCalls(phone.store.getState()).length > 0 : false);
    const restart = () => {
      window.clearTimeout(timer);
      if (inCall()) return; // re-armed when the calls end (below)
      timer = window.setTimeout(() => lockRef.current('idle'), idleMs);
    };
    restart();
    for (const name of ACTIVITY) window.addEventListener(name, restart, { passive: true, capture: true });
    let wasInCall = inCall();
    const offPhone = phone?.store.subscribe(() => {
      const now = inCall();
      if (now !== wasInCall) restart();
      wasInCall = now;
    });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, restart, { capture: true });
      offPhone?.();
    };
  }, [armed, idleMs, phone]);
}
