import type { BrowserWindow } from 'electron';
import type { PlatformHooks } from '../services/platform';
import { bringToFront } from './focus';
import { clearIncomingCall, notifyIncomingCall } from './notifications';
import type { CallShortcuts, ShortcutConfig, ShortcutReport } from './shortcuts';
import type { AppTray } from './tray';

type LineState = Parameters<PlatformHooks['setTrayStatus']>[0];

/** Tray tooltip per line state; French like the rest of main's sentences (main has no i18next). */
export const LINE_STATUS_TEXT: Record<LineState, string> = {
  unconfigured: 'aucun compte SIP configuré',
  connecting: 'connexion de la ligne…',
  registered: 'ligne prête',
  down: 'ligne coupée',
  demo: 'ligne de démonstration',
};

/**
 * Electron's side of the services' PlatformHooks port (main/services/platform.ts): what main does when a call
 * rings or the line changes. The harness and tests use the logging implementation instead.
 */
export interface ElectronOs extends PlatformHooks {
  /** The call was answered or is gone: remove the notification. */
  ringOver(): void;
  configureShortcuts(config: ShortcutConfig): ShortcutReport;
}

export function createElectronOs(deps: {
  getWindow: () => BrowserWindow | null;
  tray: AppTray | null;
  shortcuts: CallShortcuts;
}): ElectronOs {
  const front = () => {
    const win = deps.getWindow();
    if (win) bringToFront(win);
  };
  return {
    // Clicking the notification brings the console forward, whatever the window manager did with the ring.
    notifyIncomingCall: (call) => void notifyIncomingCall(call, front),
    bringToFront: front,
    setTrayStatus: (state) => deps.tray?.setStatus(LINE_STATUS_TEXT[state] ?? state),
    ringOver: clearIncomingCall,
    configureShortcuts: (config) => deps.shortcuts.apply(config),
  };
}
