/**
 * A fake of the 'electron' module for unit tests (the Electron binary cannot be downloaded here). Only what
 * main/electron/** touches, recording calls so tests assert behaviour. Inject with:
 *   vi.mock('electron', () => import('../../../fakes/electron'));
 * and call resetFakeElectron() in beforeEach.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits a navigation the way Electron 39 does: an event object carrying url and preventDefault. */
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(kind, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  visible = false;
  focused = false;
  maximized = false;
  /** Set false to play a window manager that refuses focus. */
  acceptsFocus = true;
  bounds = { x: 10, y: 20, width: 1200, height: 800 };
  loadURL = vi.fn(async (_url: string) => undefined);
  flashFrame = vi.fn();
  setAlwaysOnTop = vi.fn();
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.instances.push(this);
  }
  isDestroyed = () => false;
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  isFocused = () => this.focused;
  isMaximized = () => this.maximized;
  restore = vi.fn(() => (this.minimized = false));
  show = vi.fn(() => (this.visible = true));
  hide = vi.fn(() => (this.visible = false));
  maximize = vi.fn(() => (this.maximized = true));
  focus = vi.fn(() => {
    if (this.acceptsFocus) this.focused = true;
  });
  getNormalBounds = () => ({ ...this.bounds });
}

function emitterWith<T extends object>(extra: T): EventEmitter & T {
  return Object.assign(new EventEmitter(), extra);
}

export const app = emitterWith({
  commandLine: { appendSwitch: vi.fn() },
  focus: vi.fn(),
  quit: vi.fn(),
  relaunch: vi.fn(),
  exit: vi.fn(),
  isPackaged: false,
  requestSingleInstanceLock: vi.fn(() => true),
  setAppUserModelId: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  getAppPath: vi.fn(() => process.cwd()),
  getPath: vi.fn((_name: string) => process.env.PERMANENCE_TEST_USERDATA ?? '/nonexistent'),
  getVersion: vi.fn(() => '0.0.0-test'),
});

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((channel: string, listener: Listener) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, listener);
  }),
  removeHandler: vi.fn((channel: string) => ipcMain.handlers.delete(channel)),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null })),
});

export const contextBridge = { exposeInMainWorld: vi.fn() };

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  // Reversible but not clear text, so a test can tell "encrypted" from "stored as is".
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`)),
  decryptString: vi.fn((data: Buffer) => {
    const text = data.toString();
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided');
    return Buffer.from(text.slice(4), 'hex').toString();
  }),
};

export const globalShortcut = {
  registered: new Map<string, () => void>(),
  /** Accelerators another application holds: register() returns false for them. */
  takenElsewhere: new Set<string>(),
  register: vi.fn((accelerator: string, callback: () => void) => {
    if (accelerator.includes('Nonsense')) throw new Error(`Failed to parse accelerator ${accelerator}`);
    if (globalShortcut.takenElsewhere.has(accelerator)) return false;
    globalShortcut.registered.set(accelerator, callback);
    return true;
  }),
  unregister: vi.fn((accelerator: string) => globalShortcut.registered.delete(accelerator)),
  unregisterAll: vi.fn(() => globalShortcut.registered.clear()),
};

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported = () => Notification.supported;
  show = vi.fn();
  close = vi.fn(() => this.emit('close'));
  constructor(readonly options: Record<string, unknown>) {
    super();
    Notification.instances.push(this);
  }
}

export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays: vi.fn(() => screen.displays),
};

export const session = {
  defaultSession: Object.assign(new EventEmitter(), {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionCheckHandler: vi.fn(),
    setPermissionRequestHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  }),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  setToolTip = vi.fn();
  setContextMenu = vi.fn();
  destroy = vi.fn();
  constructor(readonly image: unknown) {
    super();
    Tray.instances.push(this);
  }
}

export const Menu = { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) };
export const nativeImage = { createFromPath: vi.fn((file: string) => ({ file })) };
export const powerMonitor = new EventEmitter();
export const dialog = {
  showErrorBox: vi.fn(),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1, checkboxChecked: false })),
};

/** Fresh state for each test: listeners, recorded calls, instances, toggles. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  for (const emitter of [app, ipcRenderer, session.defaultSession, powerMonitor]) emitter.removeAllListeners();
  app.isPackaged = false;
  ipcMain.handlers.clear();
  BrowserWindow.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  Tray.instances = [];
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  globalShortcut.registered.clear();
  globalShortcut.takenElsewhere.clear();
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  globalShortcut,
  Notification,
  screen,
  session,
  shell,
  Tray,
  Menu,
  nativeImage,
  powerMonitor,
  dialog,
};
