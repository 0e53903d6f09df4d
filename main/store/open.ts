import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import { acquireDataDirLock, type DataDirLock } from '../platform/data-lock';
import type { StoreDamage } from '../../shared/domain/recovery';
import { assertEncryptedOnDisk, isPlainStoreFile, openDatabaseFile, rememberStoreKey, type Db } from './cipher';
import {
  checkFileBeforeOpen,
  corrupt,
  holdsData,
  isCorruptionError,
  quickCheck,
  StoreDamagedError,
  writeDataMarker,
} from './integrity';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/registry';
import { registerSearchFunctions } from './repositories/fts';
import { ensureFtsSecureDelete } from './secure-delete';

export type { Db } from './cipher';

export const BACKUPS_DIR = 'backups';

export interface OpenStoreOptions {
  /** Directory holding permanence.sqlite3 and its backups. */
  dataDir: string;
  /** Path of a better_sqlite3.node built for another ABI (Electron); see scripts/electron-native.mjs. */
  nativeBinding?: string;
  /**
   * The store's 32-byte key (main/store/cipher.ts): the store is encrypted with it (chacha20, raw key). A wrong
   * key throws STORE_KEY_INVALID and leaves the file as it was; a plain store must be encrypted first
   * (main/services/privacy/encryption.ts, encryptPlainStore). Without a key the store is opened plain.
   */
  key?: Buffer;
  /** Injected so tests can check backup names; defaults to now. */
  now?: () => Date;
  /** Stop at this schema version: migration tests build a database as an older release left it. */
  targetVersion?: number;
}

export const DATABASE_FILE = 'permanence.sqlite3';

/** Other local users must not read health-related messages: the directory is 0700, every file in it 0600. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Opens the store after taking the data directory's lock (main/platform/data-lock.ts) and checking the file:
 * a damaged, non-SQLite, or lost store throws StoreDamagedError (the caller starts in recovery mode), never
 * becomes an empty workspace. `db.close()` also releases the lock.
 */
export function openStore(options: OpenStoreOptions): Db {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: DIR_MODE });
  const lock = acquireDataDirLock(options.dataDir); // before anything is changed in the directory
  ensurePrivateDir(options.dataDir);
  const file = path.join(options.dataDir, DATABASE_FILE);
  let db: Db | null = null;
  try {
    // An encrypted store's header is a random salt: only the key's real read (applyKey) can tell it from junk.
    checkFileBeforeOpen(options.dataDir, file, { encrypted: Boolean(options.key) });
    if (options.key && isPlainStoreFile(file)) throw plainStoreWithKey(file);
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
    restrictFiles(file);
    db = openDatabaseFile(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.key ? { key: options.key } : {}),
    });
    applyPragmas(db);
    const problems = quickCheck(db);
    if (problems.length > 0) throw corrupt(file, problems.join(' ; '));
    restrictFiles(file); // the WAL and SHM files exist now
    migrate(db, file, options.now ?? (() => new Date()), { target: options.targetVersion ?? LATEST_VERSION });
    ensureFtsSecureDelete(db);
    if (options.key) assertEncryptedOnDisk(file);
    rememberStoreKey(db, options.key);
    if (holdsData(db)) writeDataMarker(options.dataDir);
  } catch (error) {
    db?.close();
    lock.release();
    if (isCorruptionError(error)) throw corrupt(file, (error as Error).message);
    throw error;
  }
  return withLockRelease(db, options.dataDir, lock);
}

/** A store that knows nothing, for recovery mode: services are wired over it but every call is refused. */
export function openPlaceholderStore(options: { dataDir: string; nativeBinding?: string }): Db {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: DIR_MODE });
  const lock = acquireDataDirLock(options.dataDir);
  const db = openDatabaseFile(':memory:', options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  migrate(db, ':memory:', () => new Date());
  const close = db.close.bind(db);
  db.close = () => {
    close();
    lock.release();
    return db;
  };
  return db;
}

/**
 * For the app and the harness: a store that cannot be opened starts recovery mode (a placeholder store, the
 * damage described) instead of failing or, worse, starting an empty workspace. Other errors (lock, newer
 * schema) still throw.
 */
export function openStoreOrRecovery(options: OpenStoreOptions): { db: Db; damage: StoreDamage | null } {
  try {
    return { db: openStore(options), damage: null };
  } catch (error) {
    if (!(error instanceof StoreDamagedError)) throw error;
    const placeholder = {
      dataDir: options.dataDir,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    };
    return { db: openPlaceholderStore(placeholder), damage: error.damage };
  }
}

function plainStoreWithKey(file: string): PermanenceError {
  return new PermanenceError(
    'CONFLICT',
    `La base de données ${file} est encore en clair : elle doit d’abord être chiffrée (encryptPlainStore).`,
    undefined,
    { key: 'errors.STORE_NOT_ENCRYPTED' },
  );
}

function withLockRelease(db: Db, dataDir: string, lock: DataDirLock): Db {
  const close = db.close.bind(db);
  // Data written during this run makes the directory one that "held data" before the lock is let go.
  db.close = () => {
    try {
      if (db.open && holdsData(db)) writeDataMarker(dataDir);
    } catch {
      // A full disk must not make closing fail; the next open writes the marker again.
    } finally {
      close();
      lock.release();
    }
    return db;
  };
  return db;
}

export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (process.platform !== 'win32') fs.chmodSync(dir, DIR_MODE);
}

/** The store and its WAL/SHM (SQLite gives those the store's mode, but older runs left 0644 behind). */
function restrictFiles(file: string): void {
  if (process.platform === 'win32') return;
  for (const candidate of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(candidate, FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** The connection settings every connection to the store uses (the imports worker opens its own). */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a message typed during a call must survive a power cut, not just a crash of the app.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Sorts and temporary tables never reach a file: temporary files are not encrypted (a no-op if applyKey ran).
  db.pragma('temp_store = MEMORY');
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
  // Migrations and repositories index search text through it (0007); every opened store passes here.
  registerSearchFunctions(db);
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
  const dir = path.join(path.dirname(file), BACKUPS_DIR);
  ensurePrivateDir(dir);
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `permanence-v${version}-${stamp}.sqlite3`);
  // VACUUM INTO writes a consistent copy including what is still in the WAL.
  db.prepare('VACUUM INTO ?').run(target);
  if (process.platform !== 'win32') fs.chmodSync(target, FILE_MODE);
}
