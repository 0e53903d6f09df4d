import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR_IN_USE_MESSAGE, LOCK_FILE } from '../../../../main/platform/data-lock';
import { DATA_MARKER_FILE } from '../../../../main/store/integrity';
import { openStore } from '../../../../main/store/open';

vi.mock('electron', () => import('../../../fakes/electron'));

type Fake = typeof import('../../../fakes/electron');
let userData: string;
let dataDir: string;

async function startApp(): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  await import('../../../../main/electron/app');
  // whenReady() resolves at once in the fake: wait for what start() or fatal() leaves behind.
  await vi.waitFor(() =>
    expect(fake.BrowserWindow.instances.length + fake.dialog.showErrorBox.mock.calls.length).toBeGreaterThan(0),
  );
  return fake;
}

function ownCall(fake: Fake, method: string, input: unknown = {}) {
  const own = fake.BrowserWindow.instances[0]?.loadURL.mock.calls[0]?.[0] ?? '';
  return fake.ipcMain.handlers.get(method)?.({ senderFrame: { url: own, parent: null } }, input);
}

beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-app-'));
  dataDir = path.join(userData, 'data');
  vi.stubEnv('PERMANENCE_TEST_USERDATA', userData);
  vi.stubEnv('PERMANENCE_DATA_DIR', dataDir);
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('Electron entry: a store that cannot be opened', () => {
  it('starts in recovery mode on a damaged store, restores a backup and relaunches itself on it', async () => {
    // A store that held data, one backup of it, then the store replaced by garbage.
    const db = openStore({ dataDir });
    db.prepare("INSERT INTO settings (key, value) VALUES ('locale', '\"fr\"')").run();
    fs.mkdirSync(path.join(dataDir, 'backups'));
    db.prepare('VACUUM INTO ?').run(path.join(dataDir, 'backups', 'permanence-v1-2026-01-01.sqlite3'));
    db.close();
    fs.writeFileSync(path.join(dataDir, 'permanence.sqlite3'), 'not a database at all, just text');

    const fake = await startApp();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(await ownCall(fake, 'recovery:status')).toMatchObject({
      ok: true,
      value: {
        mode: 'recovery',
        damage: { kind: 'not-sqlite' },
        backups: [{ name: 'permanence-v1-2026-01-01.sqlite3' }],
      },
    });
    // Nothing else is answered: the workspace behind it is not the secretary's.
    expect(await ownCall(fake, 'firms:list')).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } });
    expect(await ownCall(fake, 'recovery:restore')).toMatchObject({ ok: true, value: { restart: 'automatic' } });
    expect(await ownCall(fake, 'recovery:restart')).toMatchObject({ ok: true });
    expect(fake.app.relaunch).toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalled();
    fake.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const reopened = openStore({ dataDir });
    expect(reopened.prepare("SELECT value FROM settings WHERE key = 'locale'").pluck().get()).toBe('"fr"');
    reopened.close();
  });

  it('says « déjà ouvert » in a dialog and exits when another process owns the data directory', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, DATA_MARKER_FILE), '{}');
    fs.writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, hostname: os.hostname(), since: Date.now() - 1000 }),
    );
    const fake = await startApp();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'Permanence ne peut pas démarrer',
      expect.stringContaining(DATA_DIR_IN_USE_MESSAGE),
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fs.existsSync(path.join(dataDir, 'permanence.sqlite3'))).toBe(false);
  });
});
