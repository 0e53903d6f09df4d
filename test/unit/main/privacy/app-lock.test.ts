import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dispatch } from '../../../../main/api/dispatch';
import { ALLOWED_WHILE_LOCKED, guardAppLock } from '../../../../main/api/lock-guard';
import type { AuditEntry } from '../../../../main/services/privacy/audit';
import { KEYS_FILE } from '../../../../main/services/privacy/keys/keys-file';
import { createKeySlots } from '../../../../main/services/privacy/keys/slots';
import { createLockService } from '../../../../main/services/privacy/lock/service';
import type { LockSettings } from '../../../../shared/domain/lock';

const CHEAP = { memoryKiB: 64, iterations: 1, parallelism: 1 };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The lock over the harness's situation: a store opened with a key and no OS keychain. */
function setup(storeKey: Buffer | null = crypto.randomBytes(32)) {
  const audit: AuditEntry[] = [];
  const events: Array<{ name: string; payload: unknown }> = [];
  let saved: LockSettings | undefined;
  const lock = createLockService({
    keys: createKeySlots({ dataDir: dir, keychain: null, kdf: CHEAP }),
    storeKey,
    audit: { record: (entry) => void audit.push(entry) },
    settings: { read: () => saved, write: (value) => void (saved = value) },
    emit: (name, payload) => void events.push({ name, payload }),
  });
  return { lock, audit, events, storeKey, settings: () => saved };
}

describe('app lock', () => {
  it('is off until she has a passphrase; enabling it without one asks for one', () => {
    const { lock } = setup();
    expect(lock.status()).toMatchObject({ state: 'unlocked', enabled: false, hasPassphrase: false, idleMinutes: 5 });
    expect(() => lock.saveSettings({ enabled: true, idleMinutes: 5 })).toThrow(
      expect.objectContaining({ text: { key: 'lock.errors.passphraseFirst' } }),
    );
    expect(() => lock.lock('shortcut')).toThrow(expect.objectContaining({ text: { key: 'lock.errors.disabled' } }));
    // The OS locking its session with the lock off changes nothing.
    expect(lock.lock('os-lock').state).toBe('unlocked');
  });

  it('the first passphrase creates the key slots around the store key and shows the recovery code once', async () => {
    const { lock, audit, storeKey } = setup();
    const { status, recoveryCode } = await lock.setPassphrase(null, 'une phrase de passe');
    expect(recoveryCode).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    expect(status).toMatchObject({ hasPassphrase: true, enabled: true, idleMinutes: 5 });
    expect(audit.map((e) => e.kind)).toEqual(['key.created']);
    const keys = createKeySlots({ dataDir: dir, keychain: null });
    expect((await keys.unlock('recovery', recoveryCode!, true)).equals(storeKey!)).toBe(true);
  });

  it('locks, refuses a wrong passphrase (audited, no secret in the entry) and unlocks with the right one', async () => {
    const { lock, audit, events } = setup();
    await lock.setPassphrase(null, 'une phrase de passe');
    expect(lock.lock('idle').state).toBe('locked');
    expect(lock.isLocked()).toBe(true);
    expect(events.at(-1)).toMatchObject({ name: 'lock:changed', payload: { state: 'locked', reason: 'idle' } });
    const before = fs.readFileSync(path.join(dir, KEYS_FILE));
    await expect(lock.unlock('passphrase', 'pas la bonne')).rejects.toMatchObject({
      code: 'WRONG_SECRET',
      text: { key: 'lock.errors.wrongSecret' },
    });
    expect(fs.readFileSync(path.join(dir, KEYS_FILE)).equals(before)).toBe(true);
    expect(lock.isLocked()).toBe(true);
    expect((await lock.unlock('passphrase', 'une phrase de passe')).state).toBe('unlocked');
    expect(events.at(-1)).toMatchObject({ name: 'lock:changed', payload: { state: 'unlocked', reason: null } });
    expect(audit.map((e) => [e.kind, e.detail])).toEqual([
      ['key.created', { slots: 'passphrase,recovery' }],
      ['lock.unlock-failed', { method: 'passphrase', failures: 1 }],
      ['lock.unlocked', { method: 'passphrase' }],
    ]);
    expect(JSON.stringify(audit)).not.toContain('phrase de passe');
  });

  it('locks on OS lock and suspend when on, and the recovery code unlocks too', async () => {
    const { lock } = setup();
    const { recoveryCode } = await lock.setPassphrase(null, 'une phrase de passe');
    expect(lock.lock('suspend').state).toBe('locked');
    expect((await lock.unlock('recovery', recoveryCode!.toLowerCase())).state).toBe('unlocked');
    expect(lock.lock('os-lock').state).toBe('locked');
  });

  it('changing the passphrase needs the current one and keeps the store key', async () => {
    const { lock, audit, storeKey } = setup();
    await lock.setPassphrase(null, 'une phrase de passe');
    await expect(lock.setPassphrase(null, 'une autre phrase')).rejects.toMatchObject({
      text: { key: 'lock.errors.currentRequired' },
    });
    await expect(lock.setPassphrase('fausse phrase', 'une autre phrase')).rejects.toMatchObject({
      code: 'WRONG_SECRET',
    });
    const { recoveryCode } = await lock.setPassphrase('une phrase de passe', 'une autre phrase');
    expect(recoveryCode).toBeNull();
    const keys = createKeySlots({ dataDir: dir, keychain: null });
    expect((await keys.unlock('passphrase', 'une autre phrase', true)).equals(storeKey!)).toBe(true);
    expect(audit.map((e) => e.kind)).toEqual(['key.created', 'lock.unlock-failed', 'key.passphrase-changed']);
  });

  it('keeps the idle time she chose (1 to 15 minutes) and can be turned off', async () => {
    const { lock, settings } = setup();
    await lock.setPassphrase(null, 'une phrase de passe');
    expect(lock.saveSettings({ enabled: true, idleMinutes: 12 })).toMatchObject({ enabled: true, idleMinutes: 12 });
    expect(settings()).toEqual({ enabled: true, idleMinutes: 12 });
    expect(lock.saveSettings({ enabled: false, idleMinutes: 12 }).enabled).toBe(false);
    expect(lock.lock('os-lock').state).toBe('unlocked');
  });

  it('a new recovery code needs the passphrase and replaces the old one', async () => {
    const { lock, audit } = setup();
    const { recoveryCode } = await lock.setPassphrase(null, 'une phrase de passe');
    const renewed = await lock.renewRecoveryCode('une phrase de passe');
    lock.lock('shortcut');
    await expect(lock.unlock('recovery', recoveryCode!)).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    expect((await lock.unlock('recovery', renewed)).state).toBe('unlocked');
    expect(audit.map((e) => e.kind)).toContain('key.recovery-renewed');
  });

  it('an audit log that cannot be extended (no keychain for its key) does not lock her out', async () => {
    const logged: string[] = [];
    const lock = createLockService({
      keys: createKeySlots({ dataDir: dir, keychain: null, kdf: CHEAP }),
      storeKey: crypto.randomBytes(32),
      audit: {
        record: () => {
          throw new Error('Aucun trousseau système n’est disponible');
        },
      },
      settings: { read: () => undefined, write: () => undefined },
      emit: () => undefined,
      log: (message) => void logged.push(message),
    });
    await lock.setPassphrase(null, 'une phrase de passe');
    lock.lock('os-lock');
    expect((await lock.unlock('passphrase', 'une phrase de passe')).state).toBe('unlocked');
    expect(logged).toEqual(['audit entry key.created not written', 'audit entry lock.unlocked not written']);
  });

  it('without a store key (a plain store) says there is nothing to protect', async () => {
    const { lock } = setup(null);
    await expect(lock.setPassphrase(null, 'une phrase de passe')).rejects.toMatchObject({
      text: { key: 'lock.errors.noStoreKey' },
    });
  });
});

describe('main while locked', () => {
  const answered: string[] = [];
  const inner: Dispatch = async (name) => {
    answered.push(name);
    return { ok: true, value: null };
  };
  let locked = true;
  const dispatch = guardAppLock(inner, () => locked);

  it('answers only the lock and what a ringing call needs', async () => {
    answered.length = 0;
    locked = true;
    for (const name of ['messages:list', 'firms:list', 'contacts:search', 'calls:list', 'workspace:export']) {
      expect(await dispatch(name, {})).toMatchObject({
        ok: false,
        error: { code: 'APP_LOCKED', text: { key: 'errors.APP_LOCKED' } },
      });
    }
    for (const name of ['lock:unlock', 'firms:directory', 'calls:offer', 'calls:lookupCaller']) {
      expect(await dispatch(name, {})).toEqual({ ok: true, value: null });
    }
    expect(answered).toEqual(['lock:unlock', 'firms:directory', 'calls:offer', 'calls:lookupCaller']);
    expect(
      [...ALLOWED_WHILE_LOCKED].every((name) => !/:(list|search|export|get)$/.test(name) || name === 'settings:get'),
    ).toBe(true);
  });

  it('answers everything once unlocked', async () => {
    locked = false;
    expect(await dispatch('messages:list', {})).toEqual({ ok: true, value: null });
  });
});
