import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEYS_FILE } from '../../../../main/services/privacy/keys/keys-file';
import { isPlainStoreFile } from '../../../../main/store/cipher';

vi.mock('electron', () => import('../../../fakes/electron'));

type Fake = typeof import('../../../fakes/electron');
let userData: string;
let dataDir: string;

/** Starts main/electron/app.ts on a fake whose safeStorage is `backend` (Linux). */
async function startApp(backend: string): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.safeStorage.backend = backend;
  await import('../../../../main/electron/app');
  await vi.waitFor(() => expect(fake.BrowserWindow.instances.length).toBeGreaterThan(0));
  return fake;
}

function ownCall(fake: Fake, method: string, input: unknown = {}) {
  const own = fake.BrowserWindow.instances[0]?.loadURL.mock.calls[0]?.[0] ?? '';
  return fake.ipcMain.handlers.get(method)?.({ senderFrame: { url: own, parent: null } }, input) as Promise<{
    ok: boolean;
    value?: Record<string, unknown>;
    error?: Record<string, unknown>;
  }>;
}

async function quit(fake: Fake) {
  fake.app.emit('will-quit', { preventDefault: vi.fn() });
  await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalled());
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

describe.skipIf(process.platform !== 'linux')('Electron entry: the store key without a keychain', () => {
  it('on basic_text starts sealed: she chooses a passphrase, then each start asks it before the store opens', async () => {
    let fake = await startApp('basic_text');
    expect(await ownCall(fake, 'lock:status')).toMatchObject({
      ok: true,
      value: { state: 'sealed', needsSetup: true },
    });
    expect(await ownCall(fake, 'firms:list')).toMatchObject({ ok: false, error: { code: 'APP_LOCKED' } });
    const setup = await ownCall(fake, 'lock:setup', { passphrase: 'une phrase de passe' });
    expect(setup).toMatchObject({ ok: true, value: { recoveryCode: expect.any(String) } });
    expect(await ownCall(fake, 'lock:status')).toMatchObject({ value: { state: 'unlocked', hasPassphrase: true } });
    expect(await ownCall(fake, 'firms:list')).toMatchObject({ ok: true });
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled();
    const keys = JSON.parse(fs.readFileSync(path.join(dataDir, KEYS_FILE), 'utf8')) as { slots: object };
    expect(Object.keys(keys.slots)).toEqual(['passphrase', 'recovery']);
    await quit(fake);
    expect(isPlainStoreFile(path.join(dataDir, 'permanence.sqlite3'))).toBe(false);

    fake = await startApp('basic_text');
    expect(await ownCall(fake, 'lock:status')).toMatchObject({ value: { state: 'sealed', needsSetup: false } });
    expect(await ownCall(fake, 'lock:unlock', { kind: 'passphrase', secret: 'pas la bonne' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_SECRET', text: { key: 'lock.errors.wrongSecret' } },
    });
    expect(await ownCall(fake, 'lock:unlock', { kind: 'passphrase', secret: 'une phrase de passe' })).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    expect(await ownCall(fake, 'firms:list')).toMatchObject({ ok: true });
    // The OS locking its session locks Permanence (her passphrase exists, so the lock is on by default).
    fake.powerMonitor.emit('lock-screen');
    expect(await ownCall(fake, 'firms:list')).toMatchObject({ ok: false, error: { code: 'APP_LOCKED' } });
    expect(await ownCall(fake, 'lock:unlock', { kind: 'passphrase', secret: 'une phrase de passe' })).toMatchObject({
      ok: true,
    });
    await quit(fake);
  }, 60_000);

  it('with a real keychain opens silently and encrypts the store', async () => {
    const fake = await startApp('gnome_libsecret');
    expect(await ownCall(fake, 'lock:status')).toMatchObject({ value: { state: 'unlocked', hasPassphrase: false } });
    expect(fake.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(await ownCall(fake, 'firms:list')).toMatchObject({ ok: true });
    await quit(fake);
    expect(isPlainStoreFile(path.join(dataDir, 'permanence.sqlite3'))).toBe(false);
  });
});
