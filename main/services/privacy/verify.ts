import fs from 'node:fs';
import { openDatabaseFile, type Db } from '../../store/cipher';

/** Every ordinary table of the store (FTS tables and their shadow tables excluded: they are checked otherwise). */
export function countRows(db: Db): Record<string, number> {
  const tables = (db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>)
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const counts: Record<string, number> = {};
  for (const name of tables) {
    counts[name] = db
      .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

function ftsTables(db: Db): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'")
    .pluck()
    .all() as string[];
}

let coversFts: boolean | null = null;

/**
 * Since SQLite 3.44, PRAGMA integrity_check also runs each FTS5 table's own integrity check (its xIntegrity
 * method calls the same code as `INSERT INTO t(t) VALUES('integrity-check')`): running the command again would
 * read every index twice (half a second on the ten-year store). Older SQLite builds get the explicit command.
 */
export function integrityCheckCoversFts(): boolean {
  if (coversFts !== null) return coversFts;
  const db = openDatabaseFile(':memory:');
  try {
    const [major, minor] = (db.prepare('SELECT sqlite_version()').pluck().get() as string).split('.').map(Number);
    coversFts = major! > 3 || (major === 3 && minor! >= 44);
    return coversFts;
  } finally {
    db.close();
  }
}

/**
 * The checks a backup must pass, in French for the CLI and the logs (empty: sound): PRAGMA integrity_check,
 * FTS5's integrity-check of every FTS table (inside integrity_check, or explicitly: see integrityCheckCoversFts),
 * the schema version and the row counts expected. The explicit FTS5 check is an INSERT: then the file is opened
 * read-write, so pass only a file nobody else relies on (the temporary copy before its rename, or a scratch
 * copy); otherwise it is opened read-only. `quick` runs quick_check instead of integrity_check (no index
 * cross-checks, about half the time): for a file whose sha256 already equals that of bytes integrity_check passed.
 */
export function checkDatabaseFile(
  file: string,
  expected: { counts?: Record<string, number>; schemaVersion?: number },
  options: { nativeBinding?: string; key?: Buffer; explicitFts?: boolean; quick?: boolean } = {},
): string[] {
  const explicitFts = options.explicitFts ?? !integrityCheckCoversFts();
  let db: Db | null = null;
  try {
    // A backup of an encrypted store is encrypted with the store's key (VACUUM INTO keeps the cipher and key).
    db = openDatabaseFile(file, {
      fileMustExist: true,
      readonly: !explicitFts,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.key ? { key: options.key } : {}),
    });
    const check = options.quick ? 'quick_check' : 'integrity_check';
    const integrity = (db.pragma(`${check}(10)`) as Array<Record<string, string>>)
      .map((row) => row[check]!)
      .filter((line) => line !== 'ok');
    if (integrity.length > 0) return [`vérification d’intégrité : ${integrity.join(' ; ')}`];
    const problems: string[] = [];
    for (const table of explicitFts ? ftsTables(db) : []) {
      try {
        db.prepare(`INSERT INTO "${table}" ("${table}") VALUES ('integrity-check')`).run();
      } catch (error) {
        problems.push(`index de recherche ${table} : ${(error as Error).message}`);
      }
    }
    if (expected.schemaVersion !== undefined) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== expected.schemaVersion) {
        problems.push(`version du schéma ${version} au lieu de ${expected.schemaVersion}`);
      }
    }
    if (expected.counts) {
      const counts = countRows(db);
      for (const [table, count] of Object.entries(expected.counts)) {
        if (counts[table] !== count) {
          problems.push(`table ${table} : ${counts[table] ?? 'absente'} lignes au lieu de ${count}`);
        }
      }
    }
    return problems;
  } catch (error) {
    return [`illisible : ${(error as Error).message}`];
  } finally {
    db?.close();
  }
}

/** Flushes a file, then its directory entry, to the disk (a rename is durable only once its folder is). */
export function fsyncFileAndDir(file: string, dir: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}
