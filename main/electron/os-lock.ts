import type { PowerMonitor } from 'electron';

type OsLockReason = 'os-lock' | 'suspend';

/**
 * The app lock follows the OS (issue 12): the session locked (Windows, macOS; Linux desktops that tell
 * Electron) or the computer going to sleep locks Permanence too. Returns the unsubscribe.
 */
export function lockWithOs(powerMonitor: Pick<PowerMonitor, 'on' | 'off'>, lock: (reason: OsLockReason) => void) {
  const onLockScreen = () => lock('os-lock');
  const onSuspend = () => lock('suspend');
  powerMonitor.on('lock-screen', onLockScreen);
  powerMonitor.on('suspend', onSuspend);
  return () => {
    powerMonitor.off('lock-screen', onLockScreen);
    powerMonitor.off('suspend', onSuspend);
  };
}
