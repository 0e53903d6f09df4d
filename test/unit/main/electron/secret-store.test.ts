import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecretStore, SECRETS_FILE } from '../../../../main/electron/secret-store';
import { resetFakeElectron, safeStorage } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('stores the SIP password encrypted and gives it back decrypted', () => {
    const store = createSecretStore(dir, 'linux');
    store.set('sip:main:password', 'tr0ub4dor&3');
    const onDisk = fs.readFileSync(path.join(dir, SECRETS_FILE), 'utf8');
    expect(onDisk).not.toContain('tr0ub4dor');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('tr0ub4dor&3');
    expect(createSecretStore(dir, 'linux').get('sip:main:password')).toBe('tr0ub4dor&3');
    expect(store.has('sip:main:password')).toBe(true);
  });

  it('keeps the file readable by its owner only', () => {
    createSecretStore(dir, 'linux').set('sip:main:password', 'x');
    expect(fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o077).toBe(0);
  });

  it('refuses to store anything when the OS offers no encryption, and writes nothing', () => {
    safeStorage.available = false;
    const store = createSecretStore(dir, 'win32');
    expect(store.available()).toBe(false);
    expect(() => store.set('sip:main:password', 'secret')).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
    expect(fs.existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });

  it("treats Linux's basic_text backend (a key hard-coded in Chromium) as no encryption", () => {
    safeStorage.backend = 'basic_text';
    const store = createSecretStore(dir, 'linux');
    expect(store.available()).toBe(false);
    expect(() => store.set('sip:main:password', 'secret')).toThrow(/trousseau/);
  });

  it('says the password must be typed again when the keychain can no longer decrypt it', () => {
    fs.writeFileSync(
      path.join(dir, SECRETS_FILE),
      JSON.stringify({ version: 1, entries: { 'sip:main:password': 'Z2FyYmFnZQ==' } }),
    );
    expect(() => createSecretStore(dir, 'linux').get('sip:main:password')).toThrow(/Saisissez-le à nouveau/);
  });

  it('returns null for a secret never stored, and forgets a deleted one', () => {
    const store = createSecretStore(dir, 'darwin');
    expect(store.get('sip:main:password')).toBeNull();
    store.set('sip:main:password', 'x');
    store.delete('sip:main:password');
    expect(store.get('sip:main:password')).toBeNull();
  });

  it('rejects secret names that could be paths or junk', () => {
    expect(() => createSecretStore(dir, 'linux').set('../../etc/passwd', 'x')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
