import { z } from 'zod';
import { PermanenceError } from '../../../../shared/api';
import { LOCK_IDLE_MINUTES, type LockReason, type LockSettings, type LockStatus } from '../../../../shared/domain/lock';
import type { Emit } from '../../context';
import type { AuditRecorder } from '../audit';
import type { KeySlots, SecretKind } from '../keys/slots';

const storedSettings = z
  .object({
    enabled: z.boolean(),
    idleMinutes: z.number().int().min(LOCK_IDLE_MINUTES.min).max(LOCK_IDLE_MINUTES.max),
  })
  .nullable()
  .catch(null);

export interface LockServiceOptions {
  keys: KeySlots;
  /** The key the store was opened with (needed to wrap it under a new passphrase); null for a plain store. */
  storeKey: Buffer | null;
  audit: AuditRecorder;
  settings: { read(): unknown; write(value: LockSettings): void };
  emit: Emit;
  /** Where an audit entry that could not be written is reported (no secret, no personal data). */
  log?: (message: string, detail?: unknown) => void;
}

/**
 * The app lock over an open store (issue 12). Locked, main answers only the lock's methods and what a ringing
 * call needs (api/lock-guard.ts); the renderer unmounts everything else. Unlocking checks the passphrase (or the
 * recovery code) against its key slot, rate-limited; failures and successes go to the audit log (kind only).
 */
export function createLockService(options: LockServiceOptions) {
  const { keys } = options;
  // An audit log that cannot be extended (its key lost, no keychain for it) must not lock her out of her data:
  // the entry is reported to the log instead, and the unlock goes on.
  const audit = {
    record(entry: Parameters<AuditRecorder['record']>[0]) {
      try {
        options.audit.record(entry);
      } catch (error) {
        options.log?.(`audit entry ${entry.kind} not written`, (error as Error).message);
      }
    },
  };
  let locked = false;

  function hasPassphrase(): boolean {
    return keys.status().slots.includes('passphrase');
  }

  function settings(): LockSettings {
    const saved = storedSettings.parse(options.settings.read() ?? null);
    // Never chosen: on as soon as a passphrase exists (the one required without a keychain, for instance).
    const current = saved ?? { enabled: true, idleMinutes: LOCK_IDLE_MINUTES.default };
    return { ...current, enabled: current.enabled && hasPassphrase() };
  }

  function status(): LockStatus {
    const current = settings();
    const keyStatus = keys.status();
    return {
      state: locked ? 'locked' : 'unlocked',
      enabled: current.enabled,
      idleMinutes: current.idleMinutes,
      hasPassphrase: keyStatus.slots.includes('passphrase'),
      needsSetup: false,
      retryAt: keyStatus.retryAt,
    };
  }

  function changed(reason: LockReason | null): LockStatus {
    const next = status();
    options.emit('lock:changed', { ...next, reason });
    return next;
  }

  /** A secret checked against its slot; a failure is audited (kind and count only) and rethrown. */
  async function check(kind: SecretKind, secret: string): Promise<Buffer> {
    try {
      const key = await keys.unlock(kind, secret, true);
      keys.succeeded();
      return key;
    } catch (error) {
      if (error instanceof PermanenceError && error.code === 'WRONG_SECRET') {
        audit.record({ kind: 'lock.unlock-failed', detail: { method: kind, failures: keys.status().failures } });
      }
      throw error;
    }
  }

  function storeKey(): Buffer {
    if (!options.storeKey) {
      throw new PermanenceError(
        'UNAVAILABLE',
        'Le magasin de données n’est pas chiffré : aucune clé à protéger par un mot de passe.',
        undefined,
        { key: 'lock.errors.noStoreKey' },
      );
    }
    return options.storeKey;
  }

  return {
    status,
    isLocked: () => locked,

    /** Locks now when the lock is on; OS lock and suspend come from main/electron, idle and shortcut from the UI. */
    lock(reason: LockReason): LockStatus {
      if (!settings().enabled) {
        if (reason === 'idle' || reason === 'shortcut') {
          throw new PermanenceError('VALIDATION', 'Le verrouillage est désactivé.', undefined, {
            key: 'lock.errors.disabled',
          });
        }
        return status(); // OS lock with the app lock off: nothing to do
      }
      if (locked) return status();
      locked = true;
      return changed(reason);
    },

    async unlock(kind: SecretKind, secret: string): Promise<LockStatus> {
      if (!locked) return status();
      await check(kind, secret);
      audit.record({ kind: 'lock.unlocked', detail: { method: kind } });
      locked = false;
      return changed(null);
    },

    async setPassphrase(
      current: string | null,
      next: string,
    ): Promise<{ status: LockStatus; recoveryCode: string | null }> {
      const key = storeKey();
      if (!keys.status().exists) {
        const created = await keys.create({ key, passphrase: next });
        audit.record({ kind: 'key.created', detail: { slots: keys.status().slots.join(',') } });
        return { status: changed(null), recoveryCode: created.recoveryCode! };
      }
      const had = hasPassphrase();
      if (had) {
        if (current === null) {
          throw new PermanenceError('VALIDATION', 'Saisissez le mot de passe actuel.', undefined, {
            key: 'lock.errors.currentRequired',
          });
        }
        await check('passphrase', current);
      }
      await keys.setPassphrase(key, next);
      audit.record({ kind: had ? 'key.passphrase-changed' : 'key.passphrase-added' });
      // Keys made at a first start with the OS keychain have no recovery code yet: it comes with the passphrase.
      const recoveryCode = keys.status().slots.includes('recovery') ? null : await keys.renewRecoveryCode(key);
      if (recoveryCode) audit.record({ kind: 'key.recovery-renewed' });
      return { status: changed(null), recoveryCode };
    },

    async renewRecoveryCode(passphrase: string): Promise<string> {
      const key = storeKey();
      await check('passphrase', passphrase);
      const recoveryCode = await keys.renewRecoveryCode(key);
      audit.record({ kind: 'key.recovery-renewed' });
      return recoveryCode;
    },

    saveSettings(input: LockSettings): LockStatus {
      if (input.enabled && !hasPassphrase()) {
        throw new PermanenceError('VALIDATION', 'Choisissez d’abord un mot de passe de déverrouillage.', undefined, {
          key: 'lock.errors.passphraseFirst',
        });
      }
      options.settings.write({ enabled: input.enabled, idleMinutes: input.idleMinutes });
      return changed(null);
    },
  };
}
export type LockService = ReturnType<typeof createLockService>;
