import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PermanenceClient } from '../../../../shared/api';
import type { LockStatus } from '../../../../shared/domain/lock';
import type { Settings } from '../../../../shared/domain/settings';
import { Workspace } from '../../../app/Workspace';
import type { Phone } from '../../../phone';
import { createShellStore } from '../../../app/shell-context';
import type { FirmsStore } from '../../firms/firms-store';
import { usePhoneRuntime } from '../../ring/use-phone-runtime';
import { LockScreen } from './LockScreen';
import { useAppLock, type PageLockReason } from './use-app-lock';

/**
 * Between the app and the console: the console (every screen, dialog and notice) when unlocked, only the lock
 * screen when locked. The softphone and the shell's state (screen, open call desk) live here, above both, so a
 * call keeps ringing through the lock and she comes back to where she was.
 */
export function LockGate({
  api,
  firmsStore,
  settings,
  initial,
  phone: given,
}: {
  api: PermanenceClient;
  firmsStore: FirmsStore;
  settings: Settings;
  initial: LockStatus | null;
  /** A phone made by a test; the app's own is created here. */
  phone?: Phone;
}) {
  const [status, setStatus] = useState<LockStatus | null>(initial);
  const shell = useMemo(() => createShellStore(), []);
  const own = usePhoneRuntime(api, shell, !given);
  const phone = given ?? own;

  useEffect(() => {
    const off = api.events.subscribe('lock:changed', ({ reason: _reason, ...next }) => setStatus(next));
    // Asked again after subscribing: a lock that fell in between (OS lock at start) is not missed.
    api.lock.status({}).then(setStatus, () => undefined);
    return off;
  }, [api]);

  const lock = useCallback(
    (reason: PageLockReason) => {
      // Unmounted first (the call desk saves her draft as it goes), then main refuses everything else.
      setStatus((s) => (s ? { ...s, state: 'locked' } : s));
      api.lock.lock({ reason }).then(setStatus, () => api.lock.status({}).then(setStatus, () => undefined));
    },
    [api],
  );
  useAppLock(status, phone, lock);

  // Opened while locked (a reload), the firm list was refused: fetched again once she unlocks.
  const wasLocked = useRef(false);
  useEffect(() => {
    if (status?.state === 'locked') wasLocked.current = true;
    else if (wasLocked.current) {
      wasLocked.current = false;
      if (firmsStore.getState().error) void firmsStore.getState().load();
    }
  }, [status?.state, firmsStore]);

  if (status?.state === 'locked') return <LockScreen phone={phone} onUnlocked={setStatus} />;
  return (
    <Workspace api={api} firmsStore={firmsStore} settings={settings} shell={shell} {...(phone ? { phone } : {})} />
  );
}
