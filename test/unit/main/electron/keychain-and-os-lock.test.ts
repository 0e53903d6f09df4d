import type { PowerMonitor } from 'electron';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSafeStorageKeychain } from '../../../../main/electron/keychain';
import { lockWithOs } from '../../../../main/electron/os-lock';
import { createKeySlots } from '../../../../main/services/privacy/keys/slots';
import { storeKeyAtStart } from '../../../../main/services/privacy/lock/startup-gate';
import { powerMonitor, resetFakeElectron, safeStorage } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

const CHEAP = { memoryKiB: 64, iterations: 1, parallelism: 1 };
let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-keychain-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('store key in the OS keychain (safeStorage)', () => {
  it('seals the key with safeStorage: keys.json holds only its ciphertext, and the next start opens it', async () => {
    const keys = createKeySlots({ dataDir: dir, keychain: createSafeStorageKeychain('linux'), kdf: CHEAP });
    const key = await storeKeyAtStart(keys);
    expect(key).toHaveLength(32);
    expect(safeStorage.encryptString).toHaveBeenCalledWith(key!.toString('hex'));
    expect(fs.readFileSync(path.join(dir, 'keys.json'), 'utf8')).not.toContain(key!.toString('hex'));
    const restarted = createKeySlots({ dataDir: dir, keychain: createSafeStorageKeychain('linux'), kdf: CHEAP });
    expect((await storeKeyAtStart(restarted))?.equals(key!)).toBe(true);
    expect(safeStorage.decryptString).toHaveBeenCalled();
  });

  it("reports Linux's basic_text backend, so no keychain slot is made and the passphrase is required", async () => {
    safeStorage.backend = 'basic_text';
    const keychain = createSafeStorageKeychain('linux');
    expect(keychain.status()).toBe('basic-text');
    const keys = createKeySlots({ dataDir: dir, keychain, kdf: CHEAP });
    expect(await storeKeyAtStart(keys)).toBeNull();
    await expect(keys.create({})).rejects.toMatchObject({ text: { key: 'lock.errors.passphraseRequired' } });
    await keys.create({ passphrase: 'une phrase de passe', key: crypto.randomBytes(32) });
    expect(keys.status().slots).toEqual(['passphrase', 'recovery']);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it('basic_text is only a Linux notion; no encryption at all is unavailable', () => {
    safeStorage.backend = 'basic_text';
    expect(createSafeStorageKeychain('darwin').status()).toBe('available');
    safeStorage.available = false;
    expect(createSafeStorageKeychain('win32').status()).toBe('unavailable');
  });
});

describe('the app lock follows the OS', () => {
  it('locks when the session locks or the computer sleeps, and stops listening when asked', () => {
    const lock = vi.fn();
    // The fake is a plain EventEmitter: what lockWithOs uses of Electron's PowerMonitor.
    const stop = lockWithOs(powerMonitor as unknown as PowerMonitor, lock);
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(lock.mock.calls).toEqual([['os-lock'], ['suspend']]);
    stop();
    powerMonitor.emit('lock-screen');
    expect(lock).toHaveBeenCalledTimes(2);
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0);
  });
});
