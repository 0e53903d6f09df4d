import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppUrl } from '../../../../main/electron/app-url';
import {
  buildCsp,
  createExternalConfirm,
  createExternalOpener,
  installCsp,
  isAllowedExternal,
  isConfirmableExternal,
} from '../../../../main/electron/security';
import { createMainWindow, SECURE_WEB_PREFERENCES } from '../../../../main/electron/window';
import { BrowserWindow, dialog, resetFakeElectron, session, shell } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

const appUrl = createAppUrl({ rendererIndex: '/opt/permanence/dist/renderer/index.html' });
let stateDir: string;

function openWindow(hideOnClose = false): BrowserWindow {
  const openExternal = vi.fn(async () => true);
  createMainWindow({
    appUrl,
    preload: '/opt/permanence/preload.cjs',
    stateDir,
    openExternal,
    hideOnClose: () => hideOnClose,
  });
  const win = BrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

beforeEach(() => {
  resetFakeElectron();
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-window-'));
});
afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

describe('main window', () => {
  it('is created with context isolation, the sandbox, no Node integration and no background throttling', () => {
    const prefs = openWindow().options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      backgroundThrottling: false,
      preload: '/opt/permanence/preload.cjs',
    });
    expect(prefs).toMatchObject(SECURE_WEB_PREFERENCES);
  });

  it('loads the built renderer from its file URL', () => {
    expect(openWindow().loadURL).toHaveBeenCalledWith('file:///opt/permanence/dist/renderer/index.html');
  });

  it('prevents navigation to another site or another local file, and allows its own page', () => {
    const contents = openWindow().webContents;
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///opt/permanence/dist/renderer/index.html#/firms')).toBe(false);
  });

  it('denies every new window, including window.open of an allowed site', () => {
    const handler = openWindow().webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://www.cnil.fr/' })).toEqual({ action: 'deny' });
  });

  it('refuses <webview> attachment', () => {
    const contents = openWindow().webContents;
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('hides to the tray on close instead of closing, so calls still ring', () => {
    const win = openWindow(true);
    const event = { preventDefault: vi.fn() };
    win.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalled();
  });

  it('saves its bounds on close and reopens with them', () => {
    const win = openWindow();
    win.bounds = { x: 100, y: 80, width: 1000, height: 700 };
    win.emit('close', { preventDefault: vi.fn() });
    const next = openWindow();
    expect(next.options).toMatchObject({ x: 100, y: 80, width: 1000, height: 700 });
  });
});

describe('external links', () => {
  it.each([
    ['https://www.cnil.fr/fr/rgpd', true],
    ['mailto:cabinet@example.fr', true],
    ['http://www.cnil.fr/', false],
    ['https://evil.example/', false],
    ['https://www.cnil.fr.evil.example/', false],
    ['https://user:pw@www.cnil.fr/', false],
    ['https://www.cnil.fr:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('allows %s: %s', (url, allowed) => {
    expect(isAllowedExternal(url)).toBe(allowed);
  });

  it('opens only allow-listed URLs through shell.openExternal', async () => {
    const logger = { error: vi.fn() };
    const open = createExternalOpener(logger);
    expect(await open('https://evil.example/')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
    expect(await open('https://www.service-public.fr/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.service-public.fr/');
  });
});

describe('links she clicks to other sites', () => {
  it.each([
    ['https://cabinet-martin.fr/horaires', true],
    ['http://intranet.cabinet.test/', true],
    ['mailto:accueil@cabinet.test', true],
    ['https://user:secret@cabinet.test/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-settings:privacy', false],
  ])('may be confirmed: %s → %s', (url, confirmable) => {
    expect(isConfirmableExternal(url)).toBe(confirmable);
  });

  it('opens a firm’s own site only after she says yes in a native dialog, in her language', async () => {
    const logger = { error: vi.fn() };
    const locale = { value: 'fr' };
    const open = createExternalOpener(
      logger,
      undefined,
      createExternalConfirm(
        () => locale.value,
        () => null,
      ),
    );
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await open('https://cabinet-martin.fr/horaires')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      message: 'Ouvrir ce lien hors de Permanence ?',
      detail: 'https://cabinet-martin.fr/horaires',
      buttons: ['Ouvrir', 'Annuler'],
      cancelId: 1,
    });
    locale.value = 'en';
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    expect(await open('https://cabinet-martin.fr/horaires')).toBe(true);
    expect(dialog.showMessageBox.mock.calls[1]?.[0]).toMatchObject({ message: 'Open this link outside Permanence?' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://cabinet-martin.fr/horaires');
    // Never asked for what is not a web or mail link.
    expect(await open('file:///etc/passwd')).toBe(false);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalled();
  });
});

describe('content security policy', () => {
  it('adds a strict CSP header to the app page and leaves other responses alone', () => {
    installCsp(session.defaultSession as never, appUrl);
    const listener = session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    const own = vi.fn();
    listener({ url: appUrl.url, responseHeaders: {} }, own);
    expect(own.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([buildCsp(null)]);
    const other = vi.fn();
    listener({ url: 'https://example.com/', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledWith({});
  });

  it('allows scripts only from the app itself in production', () => {
    const policy = buildCsp(null);
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
  });
});
