import { Menu, nativeImage, Tray } from 'electron';

export interface TrayLabels {
  show: string;
  hide: string;
  quit: string;
}

/** French by default, like the app; main has no i18next, so the caller passes the other language's labels. */
export const FRENCH_TRAY_LABELS: TrayLabels = {
  show: 'Afficher Permanence',
  hide: 'Masquer Permanence',
  quit: 'Quitter',
};

export interface TrayOptions {
  iconPath: string;
  isWindowVisible: () => boolean;
  toggleWindow: () => void;
  quit: () => void;
  labels?: TrayLabels;
}

/**
 * The tray icon keeps the softphone reachable when the window is hidden (closing the window hides it: a closed
 * softphone misses calls). Its tooltip carries the line status so a glance tells her whether calls can arrive.
 */
export function createAppTray(options: TrayOptions) {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  let labels = options.labels ?? FRENCH_TRAY_LABELS;
  let status = '';

  function refresh(): void {
    tray.setToolTip(status ? `Permanence — ${status}` : 'Permanence');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: options.isWindowVisible() ? labels.hide : labels.show, click: () => options.toggleWindow() },
        { type: 'separator' },
        { label: labels.quit, click: () => options.quit() },
      ]),
    );
  }
  // Left click toggles on Windows and Linux; on macOS a click opens the menu, which has the same item.
  tray.on('click', () => options.toggleWindow());
  refresh();

  return {
    /** A sentence already in the user's language, e.g. "ligne enregistrée" or "ligne coupée depuis 12 s". */
    setStatus(text: string): void {
      status = text;
      refresh();
    },
    setLabels(next: TrayLabels): void {
      labels = next;
      refresh();
    },
    /** The show/hide label follows the window; call after it is shown or hidden. */
    refresh,
    destroy: () => tray.destroy(),
  };
}
export type AppTray = ReturnType<typeof createAppTray>;
