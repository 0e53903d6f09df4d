import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry } from '../../../../main/services/privacy/audit';
import type { Keychain } from '../../../../main/services/privacy/keys/keychain';
import { createKeySlots } from '../../../../main/services/privacy/keys/slots';
import { createStartupGate, storeKeyAtStart } from '../../../../main/services/privacy/lock/startup-gate';
import type { LockStatus } from '../../../../shared/domain/lock';

const CHEAP = { memoryKiB: 64, iterations: 1, parallelism: 1 };
const keychain = (status: ReturnType<Keychain['status']>): Keychain => ({
  status: () => status,
  seal: (s) => Buffer.from(`k:${s}`),
  open: (b) => b.toString().slice(2),
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-gate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function gateWith(status: ReturnType<Keychain['status']>) {
  const keys = createKeySlots({ dataDir: dir, keychain: keychain(status), kdf: CHEAP });
  const audit: AuditEntry[] = [];
  const openedWith: Buffer[] = [];
  const gate = createStartupGate({
    keys,
    open: async (key) => {
      openedWith.push(key);
      return {
        status: (): LockStatus => ({
          state: 'unlocked',
          enabled: true,
          idleMinutes: 5,
          hasPassphrase: true,
          needsSetup: false,
          retryAt: null,
        }),
        audit: { record: (entry) => void audit.push(entry) },
      };
    },
  });
  return { keys, gate, audit, openedWith };
}

describe('store key at start', () => {
  it('with a real keychain: a first start makes a keychain-only key, the next starts open it silently', async () => {
    const keys = createKeySlots({ dataDir: dir, keychain: keychain('available'), kdf: CHEAP });
    const first = await storeKeyAtStart(keys);
    expect(first).toHaveLength(32);
    expect(keys.status().slots).toEqual(['keychain']);
    expect((await storeKeyAtStart(keys))?.equals(first!)).toBe(true);
  });

  it('on Linux basic_text (no keyring) starts sealed: first the setup, then the passphrase at every start', async () => {
    const { gate, audit, openedWith, keys } = gateWith('basic-text');
    expect(await storeKeyAtStart(keys)).toBeNull();
    expect(await gate.dispatch('lock:status', {})).toMatchObject({ value: { state: 'sealed', needsSetup: true } });
    expect(await gate.dispatch('firms:list', {})).toMatchObject({ ok: false, error: { code: 'APP_LOCKED' } });
    expect(await gate.dispatch('lock:setup', { passphrase: 'court' })).toMatchObject({ error: { code: 'VALIDATION' } });
    const setup = await gate.dispatch('lock:setup', { passphrase: 'une phrase de passe' });
    expect(setup).toMatchObject({ ok: true, value: { recoveryCode: expect.stringMatching(/^([0-9A-Z]{5}-){7}/) } });
    expect(openedWith).toHaveLength(1);
    expect(keys.status().slots).toEqual(['passphrase', 'recovery']);
    expect(audit.map((e) => e.kind)).toEqual(['key.created']);
    expect(gate.isOpen()).toBe(true);
    expect(await gate.dispatch('lock:status', {})).toMatchObject({ value: { state: 'unlocked' } });

    // Next start: sealed, asks the passphrase; the failures before the right one reach the audit log.
    const next = gateWith('basic-text');
    expect(await storeKeyAtStart(next.keys)).toBeNull();
    expect(await next.gate.dispatch('lock:status', {})).toMatchObject({
      value: { state: 'sealed', needsSetup: false },
    });
    const before = fs.readFileSync(path.join(dir, 'keys.json'));
    expect(await next.gate.dispatch('lock:unlock', { kind: 'passphrase', secret: 'faux' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_SECRET', text: { key: 'lock.errors.wrongSecret' } },
    });
    expect(fs.readFileSync(path.join(dir, 'keys.json')).equals(before)).toBe(true);
    expect(next.openedWith).toHaveLength(0);
    expect(
      await next.gate.dispatch('lock:unlock', { kind: 'passphrase', secret: 'une phrase de passe' }),
    ).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(next.openedWith[0]!.equals(openedWith[0]!)).toBe(true);
    expect(next.audit.map((e) => [e.kind, e.detail])).toEqual([
      ['lock.unlock-failed', { at: 'start', failures: 1 }],
      ['lock.unlocked', { method: 'passphrase', at: 'start' }],
    ]);
  });

  it('a keychain slot another OS profile cannot open falls back to the passphrase', async () => {
    const keys = createKeySlots({ dataDir: dir, keychain: keychain('available'), kdf: CHEAP });
    const { key } = await keys.create({ passphrase: 'une phrase de passe', key: crypto.randomBytes(32) });
    const otherProfile = createKeySlots({
      dataDir: dir,
      keychain: {
        ...keychain('available'),
        open: () => {
          throw new Error('decrypt failed');
        },
      },
      kdf: CHEAP,
    });
    expect(await storeKeyAtStart(otherProfile)).toBeNull();
    expect((await otherProfile.unlock('passphrase', 'une phrase de passe', false)).equals(key)).toBe(true);
  });
});
