import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTEMPTS_FILE, delayAfter, FREE_ATTEMPTS } from '../../../../main/services/privacy/keys/attempts';
import type { Keychain } from '../../../../main/services/privacy/keys/keychain';
import { KEYS_FILE, readKeysFile } from '../../../../main/services/privacy/keys/keys-file';
import { normaliseRecoveryCode } from '../../../../main/services/privacy/keys/recovery-code';
import { createKeySlots } from '../../../../main/services/privacy/keys/slots';
import { keyFingerprint } from '../../../../main/services/privacy/keys/wrap';

/** argon2id made cheap for tests; each slot records its own parameters, so nothing else changes. */
const CHEAP = { memoryKiB: 64, iterations: 1, parallelism: 1 };

function fakeKeychain(status: ReturnType<Keychain['status']> = 'available'): Keychain & { state: string } {
  const box = {
    state: status as string,
    status: () => box.state as ReturnType<Keychain['status']>,
    seal: (secret: string) => Buffer.from(`sealed:${Buffer.from(secret).toString('base64')}`),
    open: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return Buffer.from(text.slice(7), 'base64').toString();
    },
  };
  return box;
}

let dir: string;
let clock: number;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-keys-'));
  clock = Date.UTC(2026, 11, 3, 9, 0, 0);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const slotsWith = (keychain: Keychain | null = fakeKeychain()) =>
  createKeySlots({ dataDir: dir, keychain, now: () => clock, kdf: CHEAP });
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const keysPath = () => path.join(dir, KEYS_FILE);

describe('store key slots', () => {
  it('wraps one random 32-byte key in keychain, passphrase and recovery slots that each give it back', async () => {
    const slots = slotsWith();
    const { key, recoveryCode } = await slots.create({ passphrase: 'cheval agrafe pile' });
    expect(key).toHaveLength(32);
    expect(slots.status().slots).toEqual(['keychain', 'passphrase', 'recovery']);
    expect(slots.openWithKeychain()?.equals(key)).toBe(true);
    expect((await slots.unlock('passphrase', 'cheval agrafe pile', true)).equals(key)).toBe(true);
    expect((await slots.unlock('recovery', recoveryCode!, true)).equals(key)).toBe(true);
    // The file holds no copy of the key in any encoding, and only its owner reads it.
    const text = fs.readFileSync(keysPath(), 'utf8');
    for (const form of [key.toString('hex'), key.toString('base64')]) expect(text).not.toContain(form);
    if (process.platform !== 'win32') expect(fs.statSync(keysPath()).mode & 0o077).toBe(0);
  });

  it('prints the recovery code as 8 groups of 5 and reads it back whatever the case and separators', async () => {
    const { key, recoveryCode } = await slotsWith().create({});
    expect(recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){7}[0-9A-HJKMNP-TV-Z]{5}$/);
    const typed = recoveryCode!.toLowerCase().replace(/-/g, ' ');
    expect((await slotsWith().unlock('recovery', typed, true)).equals(key)).toBe(true);
    expect(normaliseRecoveryCode('0O1IL')).toBeNull(); // too short
    expect(normaliseRecoveryCode(`${'o'.repeat(20)}${'l'.repeat(20)}`)).toBe(`${'0'.repeat(20)}${'1'.repeat(20)}`);
  });

  it('refuses a wrong passphrase or code with WRONG_SECRET and leaves keys.json byte for byte', async () => {
    const slots = slotsWith();
    await slots.create({ passphrase: 'cheval agrafe pile' });
    const before = sha(keysPath());
    await expect(slots.unlock('passphrase', 'cheval agrafe pille', true)).rejects.toMatchObject({
      code: 'WRONG_SECRET',
      text: { key: 'lock.errors.wrongSecret' },
    });
    await expect(
      slots.unlock('recovery', 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA', true),
    ).rejects.toMatchObject({
      code: 'WRONG_SECRET',
    });
    await expect(slots.unlock('recovery', 'pas un code', true)).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    expect(sha(keysPath())).toBe(before);
  });

  it('changing the passphrase re-wraps the same key: the old one stops, the new one and the code open it', async () => {
    const slots = slotsWith();
    const { key, recoveryCode } = await slots.create({ passphrase: 'ancien mot de passe' });
    const fingerprint = readKeysFile(dir)!.fingerprint;
    const recoverySlot = readKeysFile(dir)!.slots.recovery;
    await slots.setPassphrase(key, 'nouveau mot de passe');
    expect(readKeysFile(dir)!.fingerprint).toBe(fingerprint);
    expect(readKeysFile(dir)!.slots.recovery).toEqual(recoverySlot);
    await expect(slots.unlock('passphrase', 'ancien mot de passe', true)).rejects.toMatchObject({
      code: 'WRONG_SECRET',
    });
    expect((await slots.unlock('passphrase', 'nouveau mot de passe', true)).equals(key)).toBe(true);
    expect((await slots.unlock('recovery', recoveryCode!, true)).equals(key)).toBe(true);
  });

  it('refuses to wrap a key other than the store key', async () => {
    const slots = slotsWith();
    await slots.create({});
    await expect(slots.setPassphrase(crypto.randomBytes(32), 'un autre mot de passe')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('a renewed recovery code replaces the old one', async () => {
    const slots = slotsWith();
    const { key, recoveryCode } = await slots.create({});
    const renewed = await slots.renewRecoveryCode(key);
    expect(renewed).not.toBe(recoveryCode);
    await expect(slots.unlock('recovery', recoveryCode!, true)).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    expect((await slots.unlock('recovery', renewed, true)).equals(key)).toBe(true);
  });

  it("on Linux's basic_text keychain (no keyring) requires the passphrase and makes no keychain slot", async () => {
    const slots = slotsWith(fakeKeychain('basic-text'));
    await expect(slots.create({})).rejects.toMatchObject({ text: { key: 'lock.errors.passphraseRequired' } });
    expect(fs.existsSync(keysPath())).toBe(false);
    const { key } = await slots.create({ passphrase: 'phrase de passe longue' });
    expect(slots.status().slots).toEqual(['passphrase', 'recovery']);
    expect(slots.openWithKeychain()).toBeNull();
    expect((await slots.unlock('passphrase', 'phrase de passe longue', false)).equals(key)).toBe(true);
  });

  it('asks for the passphrase when the keychain slot exists but the keyring is gone or is another profile', async () => {
    const keychain = fakeKeychain();
    const slots = slotsWith(keychain);
    const { key } = await slots.create({ passphrase: 'phrase de passe longue' });
    keychain.state = 'basic-text';
    expect(slots.openWithKeychain()).toBeNull();
    keychain.state = 'available';
    const other = fakeKeychain();
    other.open = () => {
      throw new Error('Error while decrypting the ciphertext provided');
    };
    expect(slotsWith(other).openWithKeychain()).toBeNull();
    expect(slots.openWithKeychain()?.equals(key)).toBe(true);
  });

  it('without any keychain (harness) wraps the given dev key so the app lock has a passphrase', async () => {
    const devKey = crypto.randomBytes(32);
    const { key } = await slotsWith(null).create({ key: devKey, passphrase: 'mot de passe du harnais' });
    expect(key.equals(devKey)).toBe(true);
    expect(readKeysFile(dir)!.fingerprint).toBe(keyFingerprint(devKey));
    expect(slotsWith(null).status()).toMatchObject({ keychain: 'none', slots: ['passphrase', 'recovery'] });
  });

  it('a first start with the keychain makes only the keychain slot; the recovery code comes later', async () => {
    const slots = slotsWith();
    const { key, recoveryCode } = await slots.create({ recovery: false });
    expect(recoveryCode).toBeNull();
    expect(slots.status().slots).toEqual(['keychain']);
    expect(slots.openWithKeychain()?.equals(key)).toBe(true);
    const code = await slots.renewRecoveryCode(key);
    expect((await slots.unlock('recovery', code, true)).equals(key)).toBe(true);
  });

  it('refuses a passphrase shorter than 8 characters', async () => {
    await expect(slotsWith().create({ passphrase: 'court' })).rejects.toMatchObject({
      text: { key: 'lock.errors.passphraseTooShort' },
    });
  });
});

describe('failed unlocks are rate-limited', () => {
  it('after 5 failures each try waits longer, and a restart does not reset the count', async () => {
    await slotsWith().create({ passphrase: 'le bon mot de passe' });
    for (let i = 0; i < FREE_ATTEMPTS; i += 1) {
      await expect(slotsWith().unlock('passphrase', `faux ${i}`, false)).rejects.toMatchObject({
        code: 'WRONG_SECRET',
      });
    }
    // A new instance over the same directory, as after quitting and restarting the app.
    const restarted = slotsWith();
    expect(restarted.status()).toMatchObject({ failures: 5, retryAt: clock + 30_000 });
    await expect(restarted.unlock('passphrase', 'le bon mot de passe', false)).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      text: { key: 'lock.errors.tooManyAttempts', values: { seconds: '30' } },
    });
    clock += 30_000;
    await expect(restarted.unlock('passphrase', 'encore faux', false)).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    expect(slotsWith().status().retryAt).toBe(clock + 60_000);
    clock += 60_000;
    await restarted.unlock('passphrase', 'le bon mot de passe', false);
    expect(restarted.succeeded()).toBe(6); // failures made while the store was closed, for the audit log
    expect(slotsWith().status()).toMatchObject({ failures: 0, retryAt: null });
  });

  it('doubles the delay up to one hour', () => {
    expect([4, 5, 6, 7].map(delayAfter)).toEqual([0, 30_000, 60_000, 120_000]);
    expect(delayAfter(40)).toBe(3_600_000);
  });

  it('a damaged attempts file does not give the free tries back', async () => {
    await slotsWith().create({ passphrase: 'le bon mot de passe' });
    fs.writeFileSync(path.join(dir, ATTEMPTS_FILE), '{"failures": "zero"');
    const mtime = Math.floor(fs.statSync(path.join(dir, ATTEMPTS_FILE)).mtimeMs);
    clock = mtime + 1000;
    await expect(slotsWith().unlock('passphrase', 'le bon mot de passe', false)).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });
});
