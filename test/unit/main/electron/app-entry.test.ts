import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { METHOD_NAMES } from '../../../../shared/api';

vi.mock('electron', () => import('../../../fakes/electron'));

type Fake = typeof import('../../../fakes/electron');
let userData: string;

/** Loads main/electron/app.ts as Electron would, against a fresh fake; returns the fake it ran on. */
async function startApp(lock = true): Promise<Fake> {
  vi.resetModules();
  // Through 'electron' itself, so the test holds the very instance main/electron/app.ts will import.
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.app.requestSingleInstanceLock.mockReturnValue(lock);
  await import('../../../../main/electron/app');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(start) run
  return fake;
}

beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-app-'));
  vi.stubEnv('PERMANENCE_TEST_USERDATA', userData);
  vi.stubEnv('PERMANENCE_DATA_DIR', path.join(userData, 'data'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

/** Electron passes an Event to will-quit; the app defers the real exit until the outbox has stopped. */
async function quit(fake: {
  app: { emit(name: string, event: unknown): unknown; exit: { mock: { calls: unknown[] } } };
}) {
  fake.app.emit('will-quit', { preventDefault: vi.fn() });
  await vi.waitFor(() => expect(fake.app.exit.mock.calls.length).toBeGreaterThan(0));
}

describe('Electron entry', () => {
  it('quits at once when another instance already runs, opening nothing', async () => {
    const fake = await startApp(false);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('appends the softphone switches and wires store, IPC, window, tray and shortcuts', async () => {
    const fake = await startApp();
    expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('autoplay-policy', 'no-user-gesture-required');
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    const win = fake.BrowserWindow.instances[0];
    expect(win?.options.webPreferences?.preload).toBe(
      path.join(process.cwd(), 'dist', 'main', 'electron', 'preload.cjs'),
    );
    expect(win?.loadURL.mock.calls[0]?.[0]).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
    expect(fake.Tray.instances).toHaveLength(1);
    expect(fake.globalShortcut.registered.size).toBe(2);
    expect(fake.session.defaultSession.setDevicePermissionHandler).toHaveBeenCalled();
    await quit(fake);
  });

  it('answers a contract call from its own page through the real store and services', async () => {
    const fake = await startApp();
    const own = fake.BrowserWindow.instances[0]?.loadURL.mock.calls[0]?.[0] ?? '';
    const handler = fake.ipcMain.handlers.get('app:info');
    const envelope = await handler?.({ senderFrame: { url: own, parent: null } }, {});
    expect(envelope).toMatchObject({
      ok: true,
      value: { transport: 'electron', dataDir: path.join(userData, 'data') },
    });
    await quit(fake);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.globalShortcut.registered.size).toBe(0);
  });

  it('rings through the OS: a shell:incomingCall from the page notifies and brings the window forward', async () => {
    const fake = await startApp();
    const win = fake.BrowserWindow.instances[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    const own = win.loadURL.mock.calls[0]?.[0] ?? '';
    const ring = fake.ipcMain.handlers.get('shell:incomingCall');
    const input = { firmName: 'Cabinet Martin', callerLabel: '01 42 00 00 01' };
    await expect(ring?.({ senderFrame: { url: own, parent: null } }, input)).resolves.toMatchObject({ ok: true });
    expect(fake.Notification.instances[0]?.options).toMatchObject({ title: 'Cabinet Martin' });
    expect(win.restore).toHaveBeenCalled();
    const status = fake.ipcMain.handlers.get('shell:lineStatus');
    await status?.({ senderFrame: { url: own, parent: null } }, { state: 'down' });
    expect(fake.Tray.instances[0]?.setToolTip).toHaveBeenLastCalledWith('Permanence — ligne coupée');
    await quit(fake);
  });

  it('stores the SIP password through safeStorage, never in clear', async () => {
    const fake = await startApp();
    const own = fake.BrowserWindow.instances[0]?.loadURL.mock.calls[0]?.[0] ?? '';
    const save = fake.ipcMain.handlers.get('sip:saveAccount');
    const account = { uri: 'sip:accueil@pbx.example.fr', servers: ['wss://pbx.example.fr:8089/ws'] };
    const envelope = await save?.({ senderFrame: { url: own, parent: null } }, { account, password: 'tr0ub4dor&3' });
    expect(envelope).toMatchObject({ ok: true });
    expect(fake.safeStorage.encryptString).toHaveBeenCalledWith('tr0ub4dor&3');
    const files = fs.readdirSync(path.join(userData, 'data'));
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      expect(fs.readFileSync(path.join(userData, 'data', file), 'utf8')).not.toContain('tr0ub4dor');
    }
    await quit(fake);
  });

  it('brings the window back when a second instance is launched', async () => {
    const fake = await startApp();
    const win = fake.BrowserWindow.instances[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    fake.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    await quit(fake);
  });
});
