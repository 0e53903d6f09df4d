import crypto from 'node:crypto';
import { toE164 } from '../../../../shared/domain/phone';
import type { PersonDataKind } from '../../../../shared/domain/privacy-rights';
import { searchWords } from '../../../../shared/domain/text';
import type { PersonMatcher } from '../../../store/repositories/person-data';

/** Her identifiers, normalised: E.164 numbers (libphonenumber-js, as the app stores them) and names as words. */
export interface PersonIdentifiers {
  phones: string[];
  /** Each name as its folded words (« Hélène Kerjean » → ["helene", "kerjean"]). */
  names: string[][];
}

/** A name's key for hashing: its folded words, sorted, so « Kerjean Hélène » and « hélène KERJEAN » are one. */
export function nameKey(name: string): string | null {
  const words = searchWords(name);
  return words.length === 0 ? null : [...words].sort().join(' ');
}

// Separators people put inside a number: « 06 12 34 56 78 », « 06.12.34.56.78 », « +33 (0)6 12… ».
const INSIDE_NUMBER = /(?<=\d)[\s.\-/()\u00a0]+(?=[\d(])/g;
const NUMBER_RUN = /\+?\d{8,15}/g;

/** The phone numbers written in a text, as E.164 (what is not a plausible number is ignored). */
export function phonesIn(text: string): string[] {
  if (!/\d{2}/.test(text)) return [];
  const runs = text.replace(INSIDE_NUMBER, '').match(NUMBER_RUN) ?? [];
  return runs.flatMap((run) => {
    const e164 = toE164(run.replace(/^\+?(\d{2})0(?=\d{9}$)/, '+$1')); // « +33 (0)6… » written with its 0
    return e164 ? [e164] : [];
  });
}

function hasAllWords(words: string[], text: string): boolean {
  const present = new Set(searchWords(text));
  return words.every((word) => present.has(word));
}

/** Matches her identifiers in clear (a rights request being answered); `contactIds` are the chosen contacts. */
export function clearMatcher(identity: PersonIdentifiers, contactIds: string[]): PersonMatcher {
  const phones = new Set(identity.phones);
  const names = identity.names.filter((words) => words.length > 0);
  return {
    phone: (e164) => phones.has(e164),
    name: (name) => names.some((words) => hasAllWords(words, name)),
    mentions: (text) =>
      names.some((words) => hasAllWords(words, text)) || (phones.size > 0 && phonesIn(text).some((p) => phones.has(p))),
    row: (kind, id) => kind === 'contacts' && contactIds.includes(id),
  };
}

/** HMAC-SHA256 of a value with a tombstone's salt: the same person gives unrelated hashes in two tombstones. */
export function keyedHash(key: Buffer, salt: string, value: string): string {
  return crypto.createHmac('sha256', key).update(`${salt}|${value}`).digest('hex');
}

export const phoneToken = (e164: string) => `tel:${e164}`;
export const nameToken = (key: string) => `nom:${key}`;
export const rowToken = (kind: PersonDataKind, id: string) => `${kind}:${id}`;

export interface HashedPerson {
  /** HMACs of phoneToken / nameToken values. */
  subjects: Set<string>;
  /** HMACs of rowToken values. */
  rows: Set<string>;
}

/**
 * Matches what a tombstone kept: the rows erased then (by their ids) and her numbers and exact names. Free text
 * is matched by the numbers written in it only: a name cannot be looked for in text from its hash, and the
 * rows that mentioned her are found again by their ids.
 */
export function hashedMatcher(hash: (value: string) => string, person: HashedPerson): PersonMatcher {
  const phone = (e164: string) => e164 !== '' && person.subjects.has(hash(phoneToken(e164)));
  return {
    phone,
    name: (name) => {
      const key = nameKey(name);
      return key !== null && person.subjects.has(hash(nameToken(key)));
    },
    mentions: (text) => phonesIn(text).some(phone),
    row: (kind, id) => person.rows.has(hash(rowToken(kind, id))),
  };
}
