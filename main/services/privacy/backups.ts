import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import type { BackupEntry, BackupOutcome } from '../../../shared/domain/privacy';
import { assertEncryptedOnDisk, storeKeyOf } from '../../store/cipher';
import { BACKUPS_DIR, ensurePrivateDir, FILE_MODE, schemaVersion, type Db } from '../../store/open';
import type { AuditLog } from './audit';
import { freeBackupName, listBackupFiles, rotateFolder, writePrivateFile } from './backup-files';
import { manifestPath, readManifest, sha256FileSync, type BackupManifest } from './manifest';
import { checkDatabaseFile, countRows, fsyncFileAndDir, integrityCheckCoversFts } from './verify';

export interface BackupsOptions {
  db: Db;
  dataDir: string;
  appVersion: string;
  now: () => number;
  audit: AuditLog;
  nativeBinding?: string;
  /** The optional second folder (USB disk) chosen in settings. */
  folder?: () => string | null;
}

export type BackupReason = BackupManifest['reason'];

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_DIR);
}

function removeScratch(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Verifies a backup file against its manifest: sha256 first (a flipped byte stops here), then integrity_check
 * (FTS5's check inside it), the schema version and the row counts on the file opened read-only; where FTS5's
 * check must run explicitly (it writes), on a scratch copy. Empty: trustworthy.
 */
export function verifyBackupFile(
  file: string,
  options: { nativeBinding?: string; key?: Buffer; quick?: boolean } = {},
): string[] {
  if (!fs.existsSync(file)) return ['fichier introuvable'];
  const manifest = readManifest(file);
  if (!manifest) return ['aucun manifeste lisible à côté du fichier : son empreinte ne peut pas être vérifiée'];
  const sha256 = sha256FileSync(file);
  if (sha256 !== manifest.sha256) return ['empreinte SHA-256 différente de celle du manifeste (fichier altéré)'];
  const expected = { counts: manifest.counts, schemaVersion: manifest.schemaVersion };
  if (integrityCheckCoversFts()) return checkDatabaseFile(file, expected, { ...options, explicitFts: false });
  const scratch = path.join(path.dirname(file), `.verify-${crypto.randomUUID()}.tmp`);
  try {
    fs.copyFileSync(file, scratch);
    return checkDatabaseFile(scratch, expected, { ...options, explicitFts: true });
  } finally {
    removeScratch(scratch);
  }
}

/**
 * Verified backups of the open store: `VACUUM INTO` a hidden temporary file in DATA_DIR/backups, checked
 * (integrity_check, FTS5 integrity-check of every FTS table, row counts equal to the store's at that moment),
 * fsynced with its folder, renamed to permanence-YYYYMMDD-HHMMSS.sqlite3 (UTC) beside its manifest (sha256,
 * counts, schema and app versions). Files 0600, folder 0700. Nothing half-written ever carries a backup's name.
 */
export function createBackupsService(options: BackupsOptions) {
  const dir = backupsDir(options.dataDir);
  // An encrypted store's backups are encrypted with its key (VACUUM INTO keeps cipher and key), checked with it.
  const key = storeKeyOf(options.db);
  const access = {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(key ? { key } : {}),
  };

  function backup(reason: BackupReason): BackupEntry {
    ensurePrivateDir(dir);
    const at = options.now();
    // Counted and copied in one synchronous stretch: this process is the store's only writer (data-dir lock).
    const counts = countRows(options.db);
    const version = schemaVersion(options.db);
    const temp = path.join(dir, `.partial-${crypto.randomUUID()}.tmp`);
    try {
      options.db.prepare('VACUUM INTO ?').run(temp);
      if (process.platform !== 'win32') fs.chmodSync(temp, FILE_MODE);
      if (key) assertEncryptedOnDisk(temp);
      const problems = checkDatabaseFile(temp, { counts, schemaVersion: version }, access);
      if (problems.length > 0) {
        throw new PermanenceError(
          'INTERNAL',
          `La sauvegarde n’a pas passé sa vérification (${problems.join(' ; ')}) : elle n’a pas été gardée.`,
        );
      }
      fsyncFileAndDir(temp, dir);
      const name = freeBackupName(dir, at, reason === 'before-restore' ? 'avant-restauration' : undefined);
      const file = path.join(dir, name);
      const manifest: BackupManifest = {
        format: 1,
        file: name,
        sha256: sha256FileSync(temp),
        sizeBytes: fs.statSync(temp).size,
        counts,
        schemaVersion: version,
        appVersion: options.appVersion,
        createdAt: at,
        reason,
      };
      // Manifest first: a crash before the rename leaves a manifest without backup, never a backup unverified.
      writePrivateFile(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
      fs.renameSync(temp, file);
      fsyncFileAndDir(file, dir);
      options.audit.record({
        kind: 'backup.created',
        subject: name,
        detail: { reason, tables: Object.keys(counts).length, rows: sum(counts), sizeBytes: manifest.sizeBytes },
      });
      return { name, createdAt: at, sizeBytes: manifest.sizeBytes, verified: true, reason };
    } finally {
      removeScratch(temp);
    }
  }

  /** Copies a backup and its manifest to the chosen folder, then reads the copy back and compares its sha256. */
  function copyToFolder(entry: BackupEntry, folder: string): BackupOutcome['copy'] {
    try {
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 }); // an existing folder keeps its modes
      const source = path.join(dir, entry.name);
      const manifest = readManifest(source);
      if (!manifest) return { ok: false, reason: 'manifeste introuvable' };
      const target = path.join(folder, entry.name);
      const temp = path.join(folder, `.partial-${crypto.randomUUID()}.tmp`);
      try {
        fs.copyFileSync(source, temp);
        if (process.platform !== 'win32') fs.chmodSync(temp, FILE_MODE);
        fsyncFileAndDir(temp, folder);
        if (sha256FileSync(temp) !== manifest.sha256) {
          return { ok: false, reason: 'la copie relue ne correspond pas (empreinte SHA-256 différente)' };
        }
        writePrivateFile(manifestPath(target), `${JSON.stringify(manifest, null, 2)}\n`);
        fs.renameSync(temp, target);
        fsyncFileAndDir(target, folder);
      } finally {
        fs.rmSync(temp, { force: true });
      }
      rotateFolder(folder);
      return { ok: true, file: target };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  return {
    /** A verified backup now, then the rotation, then the copy to the chosen folder if any. */
    backupNow(reason: 'daily' | 'manual' = 'manual'): BackupOutcome {
      const entry = backup(reason);
      const rotated = rotateFolder(dir);
      const folder = options.folder?.() ?? null;
      return { backup: entry, rotated, copy: folder ? copyToFolder(entry, folder) : null };
    },
    /** The snapshot of the store taken just before a restore replaces it (never rotated away). */
    snapshotBeforeRestore(): BackupEntry {
      return backup('before-restore');
    },
    list(): BackupEntry[] {
      return listBackupFiles(dir).map(({ manifest: _manifest, ...entry }) => entry);
    },
    /** The newest backup's instant, for the daily scheduler (null: none yet). */
    lastBackupAt(): number | null {
      const last = listBackupFiles(dir).find((b) => b.reason === 'daily' || b.reason === 'manual');
      return last?.createdAt ?? null;
    },
    verify(file: string): string[] {
      return verifyBackupFile(resolveBackup(options.dataDir, file), access);
    },
  };
}
export type BackupsService = ReturnType<typeof createBackupsService>;

/** A bare name is looked up in DATA_DIR/backups; a path is taken as given. */
export function resolveBackup(dataDir: string, file: string): string {
  return file.includes('/') || file.includes(path.sep) ? path.resolve(file) : path.join(backupsDir(dataDir), file);
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
