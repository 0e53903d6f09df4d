import { z } from 'zod';
import { method } from '../define';
import { LOCK_IDLE_MINUTES, PASSPHRASE_LENGTH, type LockStatus } from '../../domain/lock';

const secret = z.string().max(PASSPHRASE_LENGTH.max);
const newPassphrase = z.string().min(PASSPHRASE_LENGTH.min).max(PASSPHRASE_LENGTH.max);

/**
 * Issue 12: the store key's passphrase and recovery code, and the app lock. Answered while the app is locked
 * (and, for status, unlock and setup, while it is sealed at start).
 */
export const lockMethods = {
  'lock:status': method<LockStatus>()(z.object({}).strict()),
  /** Locks now (the idle timer or the shortcut); refused when the lock is off. */
  'lock:lock': method<LockStatus>()(z.object({ reason: z.enum(['idle', 'shortcut']) }).strict()),
  /** The passphrase or the recovery code; rate-limited. */
  'lock:unlock': method<LockStatus>()(
    z.object({ kind: z.enum(['passphrase', 'recovery']), secret: secret.min(1) }).strict(),
  ),
  /** First start without an OS keychain: the passphrase she chooses; the recovery code comes back, once. */
  'lock:setup': method<{ recoveryCode: string }>()(z.object({ passphrase: newPassphrase }).strict()),
  /**
   * Sets or changes the passphrase (re-wraps the store key; the store is not rekeyed). `current` is required when
   * one exists. A recovery code comes back when the key slots were created by this call (shown once).
   */
  'lock:setPassphrase': method<{ status: LockStatus; recoveryCode: string | null }>()(
    z.object({ current: secret.nullable(), next: newPassphrase }).strict(),
  ),
  /** A new recovery code (the old one stops working), after the passphrase. */
  'lock:renewRecoveryCode': method<{ recoveryCode: string }>()(z.object({ passphrase: secret.min(1) }).strict()),
  'lock:saveSettings': method<LockStatus>()(
    z
      .object({
        enabled: z.boolean(),
        idleMinutes: z.number().int().min(LOCK_IDLE_MINUTES.min).max(LOCK_IDLE_MINUTES.max),
      })
      .strict(),
  ),
};
