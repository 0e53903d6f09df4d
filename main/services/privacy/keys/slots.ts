import crypto from 'node:crypto';
import { PermanenceError } from '../../../../shared/api';
import { createAttempts } from './attempts';
import type { Keychain } from './keychain';
import { readKeysFile, writeKeysFile, type KeysFile } from './keys-file';
import { generateRecoveryCode, normaliseRecoveryCode } from './recovery-code';
import { DEFAULT_KDF, keyFingerprint, STORE_KEY_BYTES, unwrapWithSecret, wrapWithSecret, type KdfParams } from './wrap';

export type SlotName = 'keychain' | 'passphrase' | 'recovery';
export type SecretKind = 'passphrase' | 'recovery';

export interface KeySlotsStatus {
  /** keys.json exists. */
  exists: boolean;
  slots: SlotName[];
  keychain: ReturnType<Keychain['status']> | 'none';
  /** Failed tries so far and when the next one is allowed (null: now). */
  failures: number;
  retryAt: number | null;
}

export interface KeySlotsOptions {
  dataDir: string;
  /** Electron's safeStorage; null in the harness and the CLI. */
  keychain: Keychain | null;
  now?: () => number;
  /** argon2id cost of new slots (tests use a cheap one; slots record their own). */
  kdf?: KdfParams;
}

export function wrongSecretError(): PermanenceError {
  return new PermanenceError('WRONG_SECRET', 'Mot de passe ou clé incorrect.', undefined, {
    key: 'lock.errors.wrongSecret',
  });
}

function tooManyAttempts(retryAt: number, now: number): PermanenceError {
  const seconds = String(Math.ceil((retryAt - now) / 1000));
  return new PermanenceError(
    'TOO_MANY_ATTEMPTS',
    `Trop d’essais incorrects : réessayez dans ${seconds} s.`,
    undefined,
    {
      key: 'lock.errors.tooManyAttempts',
      values: { seconds },
    },
  );
}

/**
 * The store key's slots (issue 12): one random 32-byte key, wrapped by the OS keychain, by a passphrase
 * (argon2id → AES-256-GCM) and by a recovery code printed once. Changing the passphrase re-wraps that same key:
 * the store is never rekeyed. keys.json changes only when a slot is added or replaced, never on a failed try.
 */
export function createKeySlots(options: KeySlotsOptions) {
  const now = options.now ?? Date.now;
  const kdf = options.kdf ?? DEFAULT_KDF;
  const attempts = createAttempts(options.dataDir);
  const keychainStatus = () => options.keychain?.status() ?? 'none';

  function file(): KeysFile | null {
    return readKeysFile(options.dataDir);
  }

  function requireFile(): KeysFile {
    const current = file();
    if (!current) throw new PermanenceError('NOT_FOUND', 'Aucune clé de chiffrement n’a encore été créée.');
    return current;
  }

  function checkKey(current: KeysFile, key: Buffer): void {
    if (key.length !== STORE_KEY_BYTES || keyFingerprint(key) !== current.fingerprint) {
      throw new PermanenceError('CONFLICT', 'Cette clé n’est pas celle des emplacements de keys.json.');
    }
  }

  function keychainSlot(key: Buffer): KeysFile['slots']['keychain'] {
    if (keychainStatus() !== 'available') return undefined;
    return { sealed: options.keychain!.seal(key.toString('hex')).toString('base64') };
  }

  function checkPassphrase(passphrase: string): void {
    if (passphrase.length < 8) {
      throw new PermanenceError('VALIDATION', 'Le mot de passe doit compter au moins 8 caractères.', undefined, {
        key: 'lock.errors.passphraseTooShort',
      });
    }
  }

  return {
    status(): KeySlotsStatus {
      const current = file();
      const read = attempts.read();
      return {
        exists: current !== null,
        slots: current ? (['keychain', 'passphrase', 'recovery'] as const).filter((s) => current.slots[s]) : [],
        keychain: keychainStatus(),
        failures: read.failures,
        retryAt: attempts.retryAt(now()),
      };
    },

    /**
     * First use: a fresh random key (or the one given: the harness's dev key, so its app lock has a passphrase
     * slot), a keychain slot when a real keychain exists, a passphrase slot when given, and a recovery slot. Without
     * a real keychain (Linux basic_text) the passphrase is required: nothing else would protect the key.
     */
    async create(input: {
      passphrase?: string | null;
      key?: Buffer;
      /** False at a first start with a keychain: the code comes with the passphrase she chooses later. */
      recovery?: boolean;
    }): Promise<{ key: Buffer; recoveryCode: string | null }> {
      if (file()) throw new PermanenceError('CONFLICT', 'Les clés de chiffrement existent déjà.');
      const passphrase = input.passphrase ?? null;
      if (passphrase === null && keychainStatus() !== 'available') {
        throw new PermanenceError(
          'VALIDATION',
          'Aucun trousseau système n’est disponible : choisissez un mot de passe pour protéger vos données.',
          undefined,
          { key: 'lock.errors.passphraseRequired' },
        );
      }
      if (passphrase !== null) checkPassphrase(passphrase);
      const key = input.key ? Buffer.from(input.key) : crypto.randomBytes(STORE_KEY_BYTES);
      if (key.length !== STORE_KEY_BYTES) throw new PermanenceError('VALIDATION', 'La clé doit faire 32 octets.');
      const recoveryCode = input.recovery === false ? null : generateRecoveryCode();
      const keychain = keychainSlot(key);
      const slots: KeysFile['slots'] = {
        ...(keychain ? { keychain } : {}),
        ...(passphrase !== null ? { passphrase: await wrapWithSecret(key, passphrase, 'passphrase', kdf) } : {}),
        ...(recoveryCode
          ? { recovery: await wrapWithSecret(key, normaliseRecoveryCode(recoveryCode)!, 'recovery', kdf) }
          : {}),
      };
      writeKeysFile(options.dataDir, {
        format: 'permanence-keys',
        version: 1,
        fingerprint: keyFingerprint(key),
        createdAt: now(),
        slots,
      });
      return { key, recoveryCode };
    },

    /** The key from the OS keychain, or null when there is no usable one (then the passphrase is asked). */
    openWithKeychain(): Buffer | null {
      const current = file();
      const sealed = current?.slots.keychain?.sealed;
      if (!current || !sealed || keychainStatus() !== 'available') return null;
      try {
        const key = Buffer.from(options.keychain!.open(Buffer.from(sealed, 'base64')), 'hex');
        return key.length === STORE_KEY_BYTES && keyFingerprint(key) === current.fingerprint ? key : null;
      } catch {
        return null; // another OS profile's keychain: the passphrase or the recovery code still open the store
      }
    },

    /**
     * The key from the passphrase or the recovery code, rate-limited. `audited`: the caller writes the failure to
     * the audit log itself (the store is open); otherwise it is counted for the first entry once the store opens.
     */
    async unlock(kind: SecretKind, secret: string, audited: boolean): Promise<Buffer> {
      const retryAt = attempts.retryAt(now());
      if (retryAt !== null) throw tooManyAttempts(retryAt, now());
      const current = requireFile();
      const slot = current.slots[kind];
      const material = kind === 'recovery' ? normaliseRecoveryCode(secret) : secret;
      const key = slot && material !== null ? await unwrapWithSecret(slot, material, kind) : null;
      if (!key || keyFingerprint(key) !== current.fingerprint) {
        attempts.failed(now(), audited);
        throw wrongSecretError();
      }
      return key;
    },

    /** After a success: the failures before it start again from zero; returns those not yet audited. */
    succeeded: () => attempts.succeeded(),

    /** Adds or replaces the passphrase slot for the key in hand (the store is not rekeyed). */
    async setPassphrase(key: Buffer, passphrase: string): Promise<void> {
      checkPassphrase(passphrase);
      const current = requireFile();
      checkKey(current, key);
      const passphraseSlot = await wrapWithSecret(key, passphrase, 'passphrase', kdf);
      writeKeysFile(options.dataDir, { ...current, slots: { ...current.slots, passphrase: passphraseSlot } });
    },

    /** A new recovery code (the old one stops working); shown once. */
    async renewRecoveryCode(key: Buffer): Promise<string> {
      const current = requireFile();
      checkKey(current, key);
      const recoveryCode = generateRecoveryCode();
      const recovery = await wrapWithSecret(key, normaliseRecoveryCode(recoveryCode)!, 'recovery', kdf);
      writeKeysFile(options.dataDir, { ...current, slots: { ...current.slots, recovery } });
      return recoveryCode;
    },

    /** A keychain slot again (a new OS profile), after the key was opened with the passphrase or the code. */
    resealKeychain(key: Buffer): boolean {
      const current = requireFile();
      checkKey(current, key);
      const keychain = keychainSlot(key);
      if (!keychain) return false;
      writeKeysFile(options.dataDir, { ...current, slots: { ...current.slots, keychain } });
      return true;
    },
  };
}
export type KeySlots = ReturnType<typeof createKeySlots>;
