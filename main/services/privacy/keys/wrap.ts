import crypto from 'node:crypto';
import { argon2id } from 'hash-wasm';

/** The store key: 32 random bytes used raw by SQLite3MultipleCiphers (no KDF at each open). */
export const STORE_KEY_BYTES = 32;

/**
 * Cost of argon2id for a slot, recorded in the slot itself so a slot made with other parameters (older ones, or
 * a test's cheaper ones) still opens. Defaults: OWASP's first argon2id recommendation (19 MiB, 2 passes) doubled
 * in memory: ≈ 0.3 s on a modest laptop, paid at unlock only, never at each store open.
 */
export interface KdfParams {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}
export const DEFAULT_KDF: KdfParams = { memoryKiB: 40_960, iterations: 2, parallelism: 1 };

/** A key wrapped with AES-256-GCM under a key-encryption key derived from a secret (passphrase, recovery code). */
export interface SecretSlot {
  kdf: 'argon2id';
  salt: string;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  iv: string;
  tag: string;
  ciphertext: string;
}

async function deriveKek(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const kek = await argon2id({
    password: secret.normalize('NFC'),
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  return Buffer.from(kek);
}

/** The slot's name is authenticated with the ciphertext: a passphrase slot pasted as the recovery slot fails. */
function aad(slotName: string): Buffer {
  return Buffer.from(`permanence-keys-v1:${slotName}`);
}

export async function wrapWithSecret(
  key: Buffer,
  secret: string,
  slotName: string,
  params: KdfParams = DEFAULT_KDF,
): Promise<SecretSlot> {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const kek = await deriveKek(secret, salt, params);
  const cipher = crypto.createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(slotName));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  kek.fill(0);
  return {
    kdf: 'argon2id',
    salt: salt.toString('base64'),
    ...params,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The key, or null when the secret is wrong (GCM's tag does not verify: nothing is guessed from a wrong key). */
export async function unwrapWithSecret(slot: SecretSlot, secret: string, slotName: string): Promise<Buffer | null> {
  const kek = await deriveKek(secret, Buffer.from(slot.salt, 'base64'), slot);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(aad(slotName));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.ciphertext, 'base64')), decipher.final()]);
    return key.length === STORE_KEY_BYTES ? key : null;
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

/**
 * A fingerprint of the store key kept beside the slots: every slot must open to the key with this fingerprint
 * (a slot wrapping another key is refused), and tests check that changing the passphrase kept the same key. An
 * HMAC of a fixed label, so it says nothing about the 256-bit key itself.
 */
export function keyFingerprint(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('permanence-store-key-fingerprint').digest('hex').slice(0, 32);
}
