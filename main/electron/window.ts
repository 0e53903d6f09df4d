import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import type { AppUrl } from './app-url';
import { guardWebContents, type OpenExternal } from './security';
import {
  loadWindowState,
  restoreWindowState,
  saveWindowState,
  WINDOW_MIN_SIZE,
  type WindowState,
} from './window-state';

export interface MainWindowOptions {
  appUrl: AppUrl;
  preload: string;
  /** Directory of window-state.json (userData). */
  stateDir: string;
  icon?: string;
  openExternal: OpenExternal;
  /** When true, closing the window hides it to the tray: a softphone that quits on close misses calls. */
  hideOnClose: () => boolean;
}

/** The locked-down preferences; exported so a test can hold the factory to them. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  // sip.js timers (REGISTER refresh, keep-alives) must run while the window is minimised or hidden.
  backgroundThrottling: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = restoreWindowState(loadWindowState(options.stateDir), workAreas);
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    show: false, // shown on ready-to-show, so the user never sees a white flash
    title: 'Permanence',
    backgroundColor: '#f6f7f9',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  });
  guardWebContents(win.webContents, options.appUrl, options.openExternal);

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.on('close', (event) => {
    saveWindowState(options.stateDir, currentState(win));
    if (options.hideOnClose()) {
      event.preventDefault();
      win.hide();
    }
  });
  void win.loadURL(options.appUrl.url);
  return win;
}

function currentState(win: BrowserWindow): WindowState {
  // Normal bounds, not the maximised ones: un-maximising next time must give back the size the user chose.
  const bounds = win.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: win.isMaximized() };
}
