import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import type { ReadableExport, RecoveryStatus, RestoreResult, StoreDamage } from '../../../shared/domain/recovery';
import { BACKUPS_DIR } from '../../store/open';
import { listBackups, restoreBackup } from './backups';
import { canReadSchema, exportReadable } from './readable-export';

export interface RecoveryOptions {
  dataDir: string;
  /** Null in normal mode: every recovery action is then refused. */
  damage: StoreDamage | null;
  now?: () => number;
  nativeBinding?: string;
  /** The store's key (main/store/cipher.ts): the damaged store and its backups are encrypted with it. */
  key?: Buffer;
  /** Electron relaunches itself on the restored store; the harness must be restarted by hand. */
  restart?: () => void;
  log?: (message: string, detail?: unknown) => void;
}

/**
 * The recovery screen's use cases, for a store that could not be opened: say what happened, list the backups,
 * restore the most recent good one (verified before the swap, damaged file kept aside), or export what can
 * still be read. Works on files only: in recovery mode there is no open store.
 */
export function createRecoveryService(options: RecoveryOptions) {
  const now = () => new Date(options.now?.() ?? Date.now());
  let restored: { backup: string; damagedCopy: string | null } | null = null;

  function requireDamage(): StoreDamage {
    if (!options.damage) throw new PermanenceError('CONFLICT', 'La base de données est saine : rien à récupérer.');
    return options.damage;
  }

  return {
    status(): RecoveryStatus {
      const damage = options.damage;
      if (!damage) return { mode: 'normal' };
      return {
        mode: 'recovery',
        damage,
        dataDir: options.dataDir,
        backupsDir: path.join(options.dataDir, BACKUPS_DIR),
        backups: listBackups(options.dataDir),
        readable:
          damage.kind === 'corrupt' && !restored && canReadSchema(damage.file, options.nativeBinding, options.key),
        restored,
      };
    },
    restore(backup?: string): RestoreResult {
      requireDamage();
      if (restored)
        throw new PermanenceError('CONFLICT', 'Une sauvegarde a déjà été restaurée : redémarrez Permanence.');
      restored = restoreBackup(options.dataDir, {
        backup,
        now: now(),
        nativeBinding: options.nativeBinding,
        key: options.key,
      });
      options.log?.('backup restored in place of the damaged store', restored);
      return { ...restored, restart: options.restart ? 'automatic' : 'manual' };
    },
    /** After a restore, on the screen's button: the app starts again on the restored store. */
    restart(): { ok: true } {
      if (!restored) throw new PermanenceError('CONFLICT', 'Aucune sauvegarde n’a été restaurée.');
      if (!options.restart) {
        throw new PermanenceError(
          'UNAVAILABLE',
          'Redémarrez Permanence vous-même pour ouvrir la sauvegarde restaurée.',
        );
      }
      options.restart();
      return { ok: true };
    },
    exportReadable(): ReadableExport {
      const damage = requireDamage();
      if (damage.kind !== 'corrupt' || restored) {
        throw new PermanenceError('NOT_FOUND', 'Il n’y a rien à lire dans la base endommagée.');
      }
      const result = exportReadable(options.dataDir, damage.file, {
        now: now(),
        nativeBinding: options.nativeBinding,
        key: options.key,
      });
      options.log?.('readable rows exported from the damaged store', result);
      return result;
    },
  };
}
export type RecoveryService = ReturnType<typeof createRecoveryService>;
