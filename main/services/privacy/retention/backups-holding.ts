import path from 'node:path';
import type { BackupHolding } from '../../../../shared/domain/retention';
import { BACKUP_FILE, listBackupFiles } from '../backup-files';
import { backupsToKeep } from '../rotation';

const DAY_MS = 86_400_000;
/** Longer than the rotation ever keeps a backup (12 months + a margin). */
const HORIZON_DAYS = 800;

/**
 * The backups that still hold a firm's data after its end of contract: every backup written before `purgedAt`,
 * in the data directory and in the chosen second folder. For one that the rotation removes, the day it leaves,
 * assuming the daily backup goes on (one a day from now): the rotation is replayed day by day on the real
 * backups plus those future ones. Snapshots taken before a restore and pre-migration copies never rotate: null.
 */
export function backupsHoldingData(
  folders: Array<{ dir: string; kind: BackupHolding['folder'] }>,
  purgedAt: number,
): BackupHolding[] {
  return folders.flatMap(({ dir, kind }) => {
    const all = listBackupFiles(dir);
    const rotating = all.filter(
      (b) => b.manifest && (b.reason === 'daily' || b.reason === 'manual') && BACKUP_FILE.test(b.name),
    );
    const leaving = leaveDates(
      rotating.map((b) => b.createdAt),
      purgedAt,
    );
    return all
      .filter((b) => b.createdAt <= purgedAt)
      .map((b) => ({
        name: b.name,
        folder: kind,
        path: path.join(dir, b.name),
        createdAt: b.createdAt,
        leavesRotationAt: rotating.includes(b) ? (leaving.get(b.createdAt) ?? null) : null,
      }));
  });
}

/** For each existing instant, the instant of the future daily backup whose rotation removes it. */
function leaveDates(instants: readonly number[], from: number): Map<number, number> {
  const leaving = new Map<number, number>();
  const future: number[] = [];
  for (let day = 1; day <= HORIZON_DAYS && leaving.size < new Set(instants).size; day += 1) {
    const at = from + day * DAY_MS;
    future.push(at);
    const keep = backupsToKeep([...instants, ...future]);
    for (const instant of instants) if (!keep.has(instant) && !leaving.has(instant)) leaving.set(instant, at);
  }
  return leaving;
}
