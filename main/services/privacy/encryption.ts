import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import { acquireDataDirLock } from '../../platform/data-lock';
import {
  assertEncryptedOnDisk,
  isPlainStoreFile,
  openDatabaseFile,
  rekeyPlain,
  storeKeyOf,
  type Db,
} from '../../store/cipher';
import { quickCheck } from '../../store/integrity';
import { ensureFtsSecureDelete, ftsTables } from '../../store/secure-delete';
import { BACKUPS_DIR, DATABASE_FILE, ensurePrivateDir, FILE_MODE, openStore, schemaVersion } from '../../store/open';
import type { SecretStore } from '../secrets';
import { createAuditLog } from './audit';
import { manifestPath } from './manifest';
import { checkDatabaseFile, countRows, fsyncFileAndDir } from './verify';

/** Where the plain store (and the plain backups) wait until she confirms the encrypted store works. */
export const PLAIN_COPY_DIR = 'plain-before-encryption';

export interface EncryptionOptions {
  secrets: SecretStore;
  now?: () => number;
  nativeBinding?: string;
}

export type EncryptOutcome =
  | { migrated: false; reason: 'no-store' | 'already-encrypted' }
  | { migrated: true; tables: number; rows: number; plainCopy: string; plainBackups: number };

function access(options: EncryptionOptions, key?: Buffer) {
  return { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(key ? { key } : {}) };
}

function refused(reason: string): PermanenceError {
  return new PermanenceError(
    'INTERNAL',
    `Le chiffrement de la base a échoué (${reason}) : la base en clair est restée en place, rien n’est perdu.`,
    undefined,
    { key: 'errors.STORE_ENCRYPTION_FAILED', values: { reason } },
  );
}

/**
 * Encrypts an existing plain store, once, with `key` (the data directory's lock is taken: the store must be
 * closed). A plain copy made by VACUUM INTO (the WAL included) is encrypted in place with `PRAGMA rekey` (refused
 * in WAL mode, so on that copy without journal: it is scratch until verified), its FTS indexes merged
 * ('optimize': words of rows deleted before secure-delete was on are dropped), put back in WAL mode, then checked
 * like a backup: integrity_check (FTS5's included), schema version and every table's row count equal to the
 * plain store's.
 * Only then is it renamed over the store (atomic). The plain store stays, hard-linked before the rename, in
 * DATA_DIR/plain-before-encryption/ with the plain backups of backups/, until she confirms
 * (confirmEncryptionAndDeletePlainCopy). An audit entry `store.encrypted` records the counts.
 * Nothing to do (missing, empty or already encrypted store): says so and changes nothing.
 */
export function encryptPlainStore(dataDir: string, key: Buffer, options: EncryptionOptions): EncryptOutcome {
  const dir = path.resolve(dataDir);
  const store = path.join(dir, DATABASE_FILE);
  const lock = acquireDataDirLock(dir);
  let outcome: EncryptOutcome;
  try {
    if (!fs.existsSync(store) || fs.statSync(store).size === 0) return { migrated: false, reason: 'no-store' };
    if (!isPlainStoreFile(store)) return { migrated: false, reason: 'already-encrypted' };
    const temp = path.join(dir, `.encrypting-${crypto.randomUUID()}.tmp`);
    try {
      let counts: Record<string, number>;
      try {
        counts = encryptedCopy(store, temp, key, options);
      } catch (error) {
        throw error instanceof PermanenceError ? error : refused((error as Error).message);
      }
      const aside = path.join(dir, PLAIN_COPY_DIR);
      ensurePrivateDir(aside);
      const plainCopy = path.join(aside, DATABASE_FILE);
      fs.rmSync(plainCopy, { force: true }); // a copy left by an earlier attempt that did not finish
      // The plain store's WAL was checkpointed and removed when its connection closed: the file is whole.
      fs.linkSync(store, plainCopy);
      fsyncFileAndDir(plainCopy, aside);
      fs.renameSync(temp, store);
      fsyncFileAndDir(store, dir);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(store + suffix, { force: true });
      const plainBackups = movePlainBackups(dir, aside);
      outcome = {
        migrated: true,
        tables: Object.keys(counts).length,
        rows: Object.values(counts).reduce((a, b) => a + b, 0),
        plainCopy,
        plainBackups,
      };
    } finally {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(temp + suffix, { force: true });
    }
  } finally {
    lock.release();
  }
  const db = openStore({ dataDir: dir, key, ...access(options) });
  try {
    createAuditLog(db, options.secrets, options.now).record({
      kind: 'store.encrypted',
      detail: { tables: outcome.tables, rows: outcome.rows, plainBackups: outcome.plainBackups },
    });
  } finally {
    db.close();
  }
  return outcome;
}

/** The verified encrypted copy of the plain store, written to `temp`. */
function encryptedCopy(store: string, temp: string, key: Buffer, options: EncryptionOptions) {
  const plain = openDatabaseFile(store, { fileMustExist: true, ...access(options) });
  let counts: Record<string, number>;
  let version: number;
  try {
    // quick_check here (VACUUM INTO reads every row anyway); the full integrity_check runs on the copy below.
    const problems = quickCheck(plain);
    if (problems.length > 0) throw refused(`base en clair endommagée : ${problems.join(' ; ')}`);
    counts = countRows(plain);
    version = schemaVersion(plain);
    plain.prepare('VACUUM INTO ?').run(temp);
  } finally {
    plain.close();
  }
  if (process.platform !== 'win32') fs.chmodSync(temp, FILE_MODE);
  const copy: Db = openDatabaseFile(temp, { fileMustExist: true, ...access(options) });
  try {
    // rekey is refused in WAL mode. The copy is scratch until verified below: no journal and no fsync while it
    // is rewritten (a crash leaves a hidden temporary file, never the store).
    copy.pragma('journal_mode = OFF');
    copy.pragma('synchronous = OFF');
    rekeyPlain(copy, key, options.nativeBinding);
  } finally {
    copy.close();
  }
  assertEncryptedOnDisk(temp);
  const keyed = openDatabaseFile(temp, { fileMustExist: true, ...access(options, key) });
  try {
    keyed.pragma('journal_mode = OFF'); // still scratch
    keyed.pragma('synchronous = OFF');
    // Words of rows deleted before FTS5's secure-delete was on stay in the index segments until they are merged:
    // merged now, so the encrypted store starts without them (the plain copy keeps them until she confirms).
    for (const table of ftsTables(keyed)) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      keyed.prepare(`INSERT INTO ${quoted} (${quoted}) VALUES ('optimize')`).run();
    }
    ensureFtsSecureDelete(keyed);
    keyed.pragma('journal_mode = WAL');
  } finally {
    keyed.close();
  }
  const problems = checkDatabaseFile(temp, { counts, schemaVersion: version }, access(options, key));
  if (problems.length > 0) throw refused(problems.join(' ; '));
  fsyncFileAndDir(temp, path.dirname(temp));
  return counts;
}

/** Backups made before the encryption are plain: they go with the plain store (their manifests too). */
function movePlainBackups(dataDir: string, aside: string): number {
  const from = path.join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(from);
  } catch {
    return 0;
  }
  const to = path.join(aside, BACKUPS_DIR);
  let moved = 0;
  for (const name of names.filter((n) => n.endsWith('.sqlite3'))) {
    const file = path.join(from, name);
    if (!isPlainStoreFile(file)) continue;
    ensurePrivateDir(to);
    fs.renameSync(file, path.join(to, name));
    const manifest = manifestPath(file);
    if (fs.existsSync(manifest)) fs.renameSync(manifest, path.join(to, path.basename(manifest)));
    moved += 1;
  }
  return moved;
}

/** Whether a plain copy is still waiting for her confirmation. */
export function hasPlainCopy(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, PLAIN_COPY_DIR));
}

/**
 * Once she has checked that the encrypted store opens and holds her data: the plain copy (store and plain
 * backups) is deleted, and the deletion audited on the open encrypted store. Refused while the store is plain.
 */
export function confirmEncryptionAndDeletePlainCopy(
  db: Db,
  dataDir: string,
  options: Pick<EncryptionOptions, 'secrets' | 'now'>,
): { deleted: boolean; files: number } {
  const aside = path.join(dataDir, PLAIN_COPY_DIR);
  if (!fs.existsSync(aside)) return { deleted: false, files: 0 };
  if (!storeKeyOf(db) || isPlainStoreFile(path.join(dataDir, DATABASE_FILE))) {
    throw new PermanenceError(
      'CONFLICT',
      'La base ouverte n’est pas chiffrée : la copie en clair est gardée.',
      undefined,
      { key: 'errors.STORE_NOT_ENCRYPTED' },
    );
  }
  const files = countFiles(aside);
  fs.rmSync(aside, { recursive: true, force: true });
  createAuditLog(db, options.secrets, options.now).record({ kind: 'store.plain-copy-deleted', detail: { files } });
  return { deleted: true, files };
}

function countFiles(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((n, entry) => n + (entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1), 0);
}
