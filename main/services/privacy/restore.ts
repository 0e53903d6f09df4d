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
import type { ErasuresReapplied } from '../../../shared/domain/privacy-rights';
import { createTombstonesRepository, type TombstoneRow } from '../../store/repositories/tombstones';
import { copyTombstones, erasureKey, reapplyTombstones } from './rights/tombstones';

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
  /** The store's key (main/store/cipher.ts): the store and its backups are encrypted with it. */
  key?: Buffer;
}

export interface RestoreOutcome {
  backup: string;
  /** The snapshot of the replaced store in backups/ (null: the store could not be opened to take one). */
  snapshot: string | null;
  /** Where the replaced file went. */
  replaced: string | null;
  rows: number;
  /** Erasures recorded after the backup was made, done again on the restored store. */
  reapplied: ErasuresReapplied;
}

/**
 * Restores a backup in place of a closed store (the CLI; the app's recovery screen uses the same swap): the
 * backup's sha256, integrity, FTS and counts are verified first (a refusal changes nothing), the current store
 * is saved as a verified « avant-restauration » backup, the files are swapped, the current store's erasure
 * tombstones are copied into the restored one and those recorded after the backup was made are applied again,
 * and the restore and the re-application are written to the restored store's audit log. The app restores
 * through here too, after closing its store (main/services/privacy/live-restore.ts).
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
    const { snapshot, tombstones } = snapshotCurrent(dataDir, options, manifest.createdAt);
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
    const db = openStore({ dataDir, ...storeAccess(options) });
    try {
      const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
      const audit = createAuditLog(db, options.secrets, options.now);
      audit.record({
        kind: 'backup.restored',
        subject: name,
        detail: { snapshot, rows, backupCreatedAt: manifest.createdAt },
      });
      // Tombstones live in the store being replaced: copied first, so they survive this restore and the next.
      const copied = copyTombstones(db, tombstones);
      const since = tombstones.filter((t) => t.recorded_at > manifest.createdAt);
      const reapplied = reapplyTombstones(db, since, erasureKey(options.secrets, false), options.now());
      audit.record({
        kind: 'erasures.reapplied',
        subject: name,
        detail: { tombstones: reapplied.tombstones, copied, ...reapplied.counts },
      });
      return { backup: name, snapshot, replaced, rows, reapplied };
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}

/** The verified snapshot of the store about to be replaced, and its erasure tombstones. */
function snapshotCurrent(
  dataDir: string,
  options: RestoreOptions,
  backupCreatedAt: number,
): { snapshot: string | null; tombstones: TombstoneRow[] } {
  let db;
  try {
    db = openStore({ dataDir, ...storeAccess(options) });
  } catch (error) {
    // A damaged store cannot be copied by SQLite; the swap still keeps the file itself in replaced/.
    if (error instanceof StoreDamagedError) return { snapshot: null, tombstones: [] };
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
    const tombstones = createTombstonesRepository(db).all();
    if (tombstones.some((t) => t.recorded_at > backupCreatedAt) && !erasureKey(options.secrets, false)) {
      // Restoring would bring back people erased since: refused before anything is written.
      throw new PermanenceError(
        'UNAVAILABLE',
        'La clé des effacements est introuvable dans le coffre des secrets : cette sauvegarde ramènerait des personnes effacées depuis, rien n’a été modifié.',
        undefined,
        { key: 'privacy.errors.erasureKeyMissing' },
      );
    }
    return { snapshot: backups.snapshotBeforeRestore().name, tombstones };
  } finally {
    db.close();
  }
}

/** How this restore opens the store: the Electron build of the driver and the key, when given. */
function storeAccess(options: RestoreOptions): { nativeBinding?: string; key?: Buffer } {
  return {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.key ? { key: options.key } : {}),
  };
}
