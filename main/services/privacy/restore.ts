import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import { acquireDataDirLock } from '../../platform/data-lock';
import { StoreDamagedError } from '../../store/integrity';
import { openStore } from '../../store/open';
import { putBackupInPlace } from '../recovery/backups';
import type { SecretStore } from '../secrets';
import { createAuditLog } from './audit';
import { createBackupsService, resolveBackup, verifyBackupFile } from './backups';
import { readManifest, sha256FileSync } from './manifest';

/** Where the replaced store itself (and its WAL) is kept after a restore, besides its snapshot in backups/. */
export const REPLACED_DIR = 'replaced';

export interface RestoreOptions {
  dataDir: string;
  /** A name in DATA_DIR/backups or a path. */
  file: string;
  now: () => number;
  appVersion: string;
  secrets: SecretStore;
  nativeBinding?: string;
}

export interface RestoreOutcome {
  backup: string;
  /** The snapshot of the replaced store in backups/ (null: the store could not be opened to take one). */
  snapshot: string | null;
  /** Where the replaced file went. */
  replaced: string | null;
  rows: number;
}

/**
 * Restores a backup in place of a closed store (the CLI; the app's recovery screen uses the same swap): the
 * backup's sha256, integrity, FTS and counts are verified first (a refusal changes nothing), the current store
 * is saved as a verified « avant-restauration » backup, the files are swapped, and the restore is written to
 * the restored store's audit log.
 */
export function restoreFromBackup(options: RestoreOptions): RestoreOutcome {
  const dataDir = path.resolve(options.dataDir);
  const lock = acquireDataDirLock(dataDir); // refuses while the app, the harness or another CLI holds it
  try {
    const source = resolveBackup(dataDir, options.file);
    const name = path.basename(source);
    // The sha256 equal to the manifest's proves these are the bytes integrity_check passed when the backup was
    // made; quick_check, the schema version and the counts are checked again on top (the drill's ≤ 10 s goal:
    // integrity_check alone reads 3 s of the ten-year store, and the snapshot below runs it once more).
    const problems = verifyBackupFile(source, { ...options, quick: true });
    if (problems.length > 0) {
      throw new PermanenceError(
        'VALIDATION',
        `Sauvegarde refusée, rien n’a été modifié : ${name} (${problems.join(' ; ')}).`,
        undefined,
        { key: 'privacy.errors.backupRefused', values: { name, reason: problems.join(' ; ') } },
      );
    }
    const manifest = readManifest(source)!;
    const snapshot = snapshotCurrent(dataDir, options);
    const replaced = putBackupInPlace(dataDir, source, {
      now: new Date(options.now()),
      asideDir: REPLACED_DIR,
      check: (incoming) => {
        if (sha256FileSync(incoming) !== manifest.sha256) {
          throw new PermanenceError(
            'INTERNAL',
            `La copie de ${name} ne correspond pas à son manifeste : rien n’a été modifié.`,
          );
        }
      },
    });
    const db = openStore({ dataDir, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
      createAuditLog(db, options.secrets, options.now).record({
        kind: 'backup.restored',
        subject: name,
        detail: { snapshot, rows, backupCreatedAt: manifest.createdAt },
      });
      return { backup: name, snapshot, replaced, rows };
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}

function snapshotCurrent(dataDir: string, options: RestoreOptions): string | null {
  let db;
  try {
    db = openStore({ dataDir, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (error) {
    // A damaged store cannot be copied by SQLite; the swap still keeps the file itself in replaced/.
    if (error instanceof StoreDamagedError) return null;
    throw error;
  }
  try {
    const backups = createBackupsService({
      db,
      dataDir,
      appVersion: options.appVersion,
      now: options.now,
      audit: createAuditLog(db, options.secrets, options.now),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    return backups.snapshotBeforeRestore().name;
  } finally {
    db.close();
  }
}
