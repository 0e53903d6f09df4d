import crypto from 'node:crypto';
import { PermanenceError } from '../../../../shared/api';
import {
  PERSON_DATA_KINDS,
  type ErasuresReapplied,
  type PersonCounts,
  type PersonDataKind,
} from '../../../../shared/domain/privacy-rights';
import type { Db } from '../../../store/open';
import { createPersonDataRepository, type FoundIds } from '../../../store/repositories/person-data';
import { createTombstonesRepository, type TombstoneRow } from '../../../store/repositories/tombstones';
import type { SecretStore } from '../../secrets';
import { scrubbed } from './scrub';
import { hashedMatcher, keyedHash, nameToken, phoneToken, rowToken, type PersonIdentifiers } from './identity';

/** Name of the erasure HMAC key in the secret store (32 random bytes, hex), never in the database. */
export const ERASURE_KEY_SECRET = 'erasure-hmac-key';

/**
 * The key that makes tombstones' hashes useless to whoever reads the file: a French number is one of about a
 * billion, so an unkeyed hash of it would be found by trying them all.
 */
export function erasureKey(secrets: SecretStore, create: boolean): Buffer | null {
  const stored = secrets.get(ERASURE_KEY_SECRET);
  if (stored && /^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
  if (!create) return null;
  const fresh = crypto.randomBytes(32);
  secrets.set(ERASURE_KEY_SECRET, fresh.toString('hex'));
  return fresh;
}

export function zeroCounts(): PersonCounts {
  return { contacts: 0, calls: 0, messages: 0, appointments: 0, outbox: 0, timeEntries: 0, searchIndex: 0 };
}

export function addCounts(a: PersonCounts, b: PersonCounts): PersonCounts {
  const sum = zeroCounts();
  for (const key of Object.keys(sum) as (keyof PersonCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** A tombstone for one firm: who asked, when, counts, and keyed hashes of her identifiers and of the rows. */
export function buildTombstone(input: {
  key: Buffer;
  firmId: string;
  requestedBy: string;
  at: number;
  counts: PersonCounts;
  identity: PersonIdentifiers;
  found: FoundIds;
}): TombstoneRow {
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = (value: string) => keyedHash(input.key, salt, value);
  const subjects = [
    ...input.identity.phones.map((p) => hash(phoneToken(p))),
    ...input.identity.names.map((words) => hash(nameToken([...words].sort().join(' ')))),
  ];
  const rows = Object.fromEntries(
    PERSON_DATA_KINDS.map((kind) => [kind, input.found[kind].map((id) => hash(rowToken(kind, id)))]),
  );
  return {
    id: crypto.randomUUID(),
    firm_id: input.firmId,
    requested_by_firm_id: input.requestedBy,
    recorded_at: input.at,
    counts: JSON.stringify(input.counts),
    salt,
    subject_hashes: JSON.stringify(subjects),
    row_hashes: JSON.stringify(rows),
  };
}

/**
 * Erases again, in this store, what the tombstones erased: the rows whose ids they hold and the rows with her
 * numbers or exact names, in one transaction scrubbed out of the file (scrub.ts). Returns counts per kind.
 */
export function reapplyTombstones(
  db: Db,
  tombstones: TombstoneRow[],
  key: Buffer | null,
  now: number,
): ErasuresReapplied {
  let counts = zeroCounts();
  if (tombstones.length === 0) return { tombstones: 0, counts };
  if (!key) {
    throw new PermanenceError(
      'UNAVAILABLE',
      'La clé des effacements est introuvable dans le coffre des secrets : les effacements ne peuvent pas être réappliqués.',
      undefined,
      { key: 'privacy.errors.erasureKeyMissing' },
    );
  }
  const repo = createPersonDataRepository(db);
  scrubbed(db, () =>
    db.transaction(() => {
      for (const tombstone of tombstones) {
        const hash = (value: string) => keyedHash(key, tombstone.salt, value);
        const rowHashes = JSON.parse(tombstone.row_hashes) as Partial<Record<PersonDataKind, string[]>>;
        const matcher = hashedMatcher(hash, {
          subjects: new Set(JSON.parse(tombstone.subject_hashes) as string[]),
          rows: new Set(PERSON_DATA_KINDS.flatMap((kind) => rowHashes[kind] ?? [])),
        });
        const firms = [tombstone.firm_id];
        const rows = repo.find(firms, matcher);
        const found = Object.fromEntries(PERSON_DATA_KINDS.map((k) => [k, rows[k].map((r) => r.id)])) as FoundIds;
        const these = zeroCounts();
        for (const kind of PERSON_DATA_KINDS) these[kind] = found[kind].length;
        these.searchIndex = repo.countSearchRows(found);
        repo.erase(found, firms, matcher, now);
        counts = addCounts(counts, these);
      }
    })(),
  );
  return { tombstones: tombstones.length, counts };
}

/** Copies tombstones into another store (a restored backup lacks those recorded after it); returns how many. */
export function copyTombstones(target: Db, rows: TombstoneRow[]): number {
  const repo = createTombstonesRepository(target);
  return target.transaction(() => rows.filter((row) => repo.insert(row)).length)();
}
