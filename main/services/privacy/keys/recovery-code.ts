import crypto from 'node:crypto';

/**
 * The recovery code she writes down once: 8 groups of 5 characters of Crockford's base32 (no I, L, O, U: nothing
 * to confuse when copying by hand), 200 random bits. Typed back, case, spaces and dashes do not matter, and the
 * look-alikes O→0, I/L→1 are read as Crockford says.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_GROUPS = 8;
export const RECOVERY_GROUP_LENGTH = 5;
const LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH;

export function generateRecoveryCode(): string {
  const bytes = crypto.randomBytes(LENGTH);
  // 256 is a multiple of 32: taking each byte modulo 32 is unbiased.
  const chars = [...bytes].map((b) => ALPHABET[b % 32]!).join('');
  const groups: string[] = [];
  for (let i = 0; i < LENGTH; i += RECOVERY_GROUP_LENGTH) groups.push(chars.slice(i, i + RECOVERY_GROUP_LENGTH));
  return groups.join('-');
}

/** The canonical form (40 characters, no separator) or null when it cannot be a recovery code. */
export function normaliseRecoveryCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== LENGTH) return null;
  return [...compact].every((c) => ALPHABET.includes(c)) ? compact : null;
}
