import crypto from 'node:crypto';
import { contract, PermanenceError, type Envelope } from '../../../../shared/api';
import { LOCK_IDLE_MINUTES, type LockStatus } from '../../../../shared/domain/lock';
import type { AuditRecorder } from '../audit';
import type { KeySlots } from '../keys/slots';

/** What the app does once it has the key: open (or first encrypt) the store, wire the services. */
export interface OpenedStore {
  status(): LockStatus;
  audit: AuditRecorder;
}

/**
 * The store key at start (Electron). From the OS keychain when there is one; at the very first start with a
 * keychain, a fresh key in a keychain slot (the recovery code comes with the passphrase she may choose later).
 * Null: the key needs her (no usable keychain), and the app starts sealed behind createStartupGate.
 */
export async function storeKeyAtStart(keys: KeySlots): Promise<Buffer | null> {
  const status = keys.status();
  if (status.exists) return keys.openWithKeychain();
  if (status.keychain !== 'available') return null;
  return (await keys.create({ recovery: false })).key;
}

function refused(error: unknown): Envelope<unknown> {
  if (error instanceof PermanenceError) return { ok: false, error: error.toPayload() };
  throw error;
}

/**
 * Main's answers while sealed: lock:status, lock:unlock (passphrase or recovery code, rate-limited; failures
 * counted for the audit log, written once the store is open) and lock:setup (first start without a keychain:
 * the passphrase she chooses, the recovery code shown once). Everything else is refused until the store opens.
 */
export function createStartupGate(options: {
  keys: KeySlots;
  open(key: Buffer): Promise<OpenedStore>;
  log?: (message: string, detail?: unknown) => void;
}) {
  const { keys } = options;
  let opened: OpenedStore | null = null;
  let opening: Promise<unknown> | null = null;

  function sealedStatus(): LockStatus {
    const status = keys.status();
    return {
      state: 'sealed',
      enabled: false,
      idleMinutes: LOCK_IDLE_MINUTES.default,
      hasPassphrase: status.slots.includes('passphrase'),
      needsSetup: !status.exists,
      retryAt: status.retryAt,
    };
  }

  async function openWith(key: Buffer, entry: Parameters<AuditRecorder['record']>[0], earlierFailures: number) {
    opened = await options.open(key);
    const store = opened;
    // The store is open whatever happens now: an audit log that cannot be extended is reported, not fatal.
    const record = (e: Parameters<AuditRecorder['record']>[0]) => {
      try {
        store.audit.record(e);
      } catch (error) {
        options.log?.(`audit entry ${e.kind} not written`, (error as Error).message);
      }
    };
    if (earlierFailures > 0) record({ kind: 'lock.unlock-failed', detail: { at: 'start', failures: earlierFailures } });
    record(entry);
    return store;
  }

  return {
    /** Opens with a key found without her (the OS keychain): no audit entry, nothing was typed. */
    async open(key: Buffer): Promise<void> {
      opened = await options.open(key);
    },
    /** The store is open: the app's full dispatcher takes over. */
    isOpen: () => opened !== null,
    async dispatch(name: string, rawInput: unknown): Promise<Envelope<unknown>> {
      if (opened && name === 'lock:status') return { ok: true, value: opened.status() };
      if (name === 'lock:status') return { ok: true, value: sealedStatus() };
      if (name !== 'lock:unlock' && name !== 'lock:setup') {
        return {
          ok: false,
          error: {
            code: 'APP_LOCKED',
            message: 'Permanence est verrouillé : déverrouillez-le pour continuer.',
            text: { key: 'errors.APP_LOCKED' },
          },
        };
      }
      const parsed = contract.methods[name].input.safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: 'Données refusées.' } };
      if (opening || opened) return { ok: false, error: { code: 'CONFLICT', message: 'Ouverture déjà en cours.' } };
      try {
        if (name === 'lock:unlock') {
          const { kind, secret } = parsed.data as { kind: 'passphrase' | 'recovery'; secret: string };
          const key = await keys.unlock(kind, secret, false);
          const earlier = keys.succeeded();
          opening = openWith(key, { kind: 'lock.unlocked', detail: { method: kind, at: 'start' } }, earlier);
          const store = (await opening) as OpenedStore;
          return { ok: true, value: store.status() };
        }
        const { passphrase } = parsed.data as { passphrase: string };
        if (keys.status().exists) throw new PermanenceError('CONFLICT', 'Les clés de chiffrement existent déjà.');
        const created = await keys.create({ passphrase, key: crypto.randomBytes(32) });
        opening = openWith(created.key, { kind: 'key.created', detail: { slots: keys.status().slots.join(',') } }, 0);
        await opening;
        return { ok: true, value: { recoveryCode: created.recoveryCode } };
      } catch (error) {
        return refused(error);
      } finally {
        opening = null;
      }
    },
  };
}
export type StartupGate = ReturnType<typeof createStartupGate>;
