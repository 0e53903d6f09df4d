import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/registry';

export type Db = Database.Database;

export interface OpenStoreOptions {
  /** Directory holding permanence.sqlite3 and its backups. */
  dataDir: string;
  /** Path of a better_sqlite3.node built for another ABI (Electron); see scripts/electron-native.mjs. */
  nativeBinding?: string;
  /** Injected so tests can check backup names; defaults to now. */
  now?: () => Date;
  /** Stop at this schema version: migration tests build a database as an older release left it. */
  targetVersion?: number;
}

export const DATABASE_FILE = 'permanence.sqlite3';

export function openStore(options: OpenStoreOptions): Db {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DATABASE_FILE);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyPragmas(db);
    migrate(db, file, options.now ?? (() => new Date()), { target: options.targetVersion ?? LATEST_VERSION });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a message typed during a call must survive a power cut, not just a crash of the app.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations in one transaction, after a backup of any database that already holds data. */
export function migrate(
  db: Db,
  file: string,
  now: () => Date,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): void {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.target ?? latest;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new PermanenceError(
      'CONFLICT',
      `Cette base de données a été écrite par une version plus récente de Permanence (schéma ${current}, ` +
        `cette version connaît le schéma ${latest}). Installez la dernière version de Permanence.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  if (current > 0 && file !== ':memory:') backupBeforeMigration(db, file, current, now());
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}

function backupBeforeMigration(db: Db, file: string, version: number, at: Date): void {
  const dir = path.join(path.dirname(file), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  // VACUUM INTO writes a consistent copy including what is still in the WAL.
  db.prepare('VACUUM INTO ?').run(path.join(dir, `permanence-v${version}-${stamp}.sqlite3`));
}
