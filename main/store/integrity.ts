import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import type { StoreDamage, StoreDamageKind } from '../../shared/domain/recovery';
import type { Db } from './cipher';

/**
 * Written next to the store (outside it) once the store holds data: a missing or zero-byte store in a directory
 * with this marker was lost, not never created, and must open the recovery screen, not the first-run screen.
 */
export const DATA_MARKER_FILE = 'permanence.has-data';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export class StoreDamagedError extends PermanenceError {
  readonly damage: StoreDamage;
  constructor(damage: StoreDamage) {
    super('STORE_DAMAGED', DAMAGE_MESSAGES[damage.kind]);
    this.damage = damage;
  }
}

const DAMAGE_MESSAGES: Record<StoreDamageKind, string> = {
  missing: 'La base de données a disparu du dossier de données, qui contenait pourtant des données.',
  empty: 'La base de données est vide (0 octet) alors que ce dossier contenait des données.',
  'not-sqlite': 'Le fichier de la base de données n’est pas une base SQLite.',
  corrupt: 'La base de données est endommagée (la vérification d’intégrité a échoué).',
};

export function hasDataMarker(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, DATA_MARKER_FILE));
}

/**
 * Checks done before SQLite touches the file (it would happily turn a zero-byte file into a new database).
 * `encrypted`: the header is a random salt, not « SQLite format 3 », so it is not checked here (the key's first
 * read is: main/store/cipher.ts, applyKey).
 */
export function checkFileBeforeOpen(dataDir: string, file: string, options: { encrypted?: boolean } = {}): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const marked = hasDataMarker(dataDir);
  if (!stat) {
    if (marked) throw new StoreDamagedError({ kind: 'missing', file, detail: null });
    return;
  }
  if (stat.size === 0) {
    if (marked) throw new StoreDamagedError({ kind: 'empty', file, detail: null });
    return;
  }
  if (options.encrypted) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < header.length || !header.equals(SQLITE_HEADER)) {
    throw new StoreDamagedError({
      kind: 'not-sqlite',
      file,
      detail: `en-tête : ${JSON.stringify(header.subarray(0, read).toString('latin1'))}`,
    });
  }
}

/**
 * PRAGMA quick_check: O(N) in the size of the file but skips index-content cross-checks, so it stays bounded
 * on a ten-year store (figure: store.quick_check.ten_years in npm run bench). Stops at the first 10 problems.
 */
export function quickCheck(db: Db): string[] {
  const rows = db.pragma('quick_check(10)') as Array<{ quick_check: string }>;
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  return problems;
}

/** Any SQLite failure that means "this file is not a sound database" rather than "you asked something wrong". */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || String(code).startsWith('SQLITE_CORRUPT_');
}

export function corrupt(file: string, detail: string): StoreDamagedError {
  return new StoreDamagedError({ kind: 'corrupt', file, detail });
}

/** True once any user table holds a row: then the directory "held data" and gets its marker. */
export function holdsData(db: Db): boolean {
  // table_list marks FTS shadow tables (which hold config rows even when empty) as 'shadow', not 'table'.
  const tables = (db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>)
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name);
  return tables.some(
    (name) =>
      db
        .prepare(`SELECT EXISTS (SELECT 1 FROM "${name.replaceAll('"', '""')}")`)
        .pluck()
        .get() === 1,
  );
}

export function writeDataMarker(dataDir: string): void {
  const file = path.join(dataDir, DATA_MARKER_FILE);
  if (fs.existsSync(file)) return;
  fs.writeFileSync(file, JSON.stringify({ note: 'Ce dossier contient des données Permanence.', since: Date.now() }), {
    mode: 0o600,
  });
}
