import type { Db } from '../../../store/open';
import type { RetentionRepository } from '../../../store/repositories/retention';
import type { AuditRecorder } from '../audit';

/**
 * The audit log's own retention. The log is a chain, so it is shortened from its start only: the rows before the
 * first one still inside its retention (its firm's audit duration, the default one for rows of no firm or of a
 * firm gone) are removed, never a row in the middle. In one transaction: a checkpoint entry `audit.purged` is
 * appended first (it names the last removed row's seq and hash, and is HMAC-chained like every entry), then the
 * one-row guard of migration 0011 lets the trigger allow exactly those rows to be deleted, then the guard goes.
 * `verify()` accepts a chain whose first row links to a checkpoint's hash. Returns the rows removed.
 */
export function purgeAuditLog(
  db: Db,
  repo: RetentionRepository,
  audit: AuditRecorder,
  cutoffs: Record<string, number>,
  fallbackCutoff: number,
  dryRun: boolean,
): number {
  const through = repo.auditPurgeThrough(cutoffs, fallbackCutoff);
  if (through === null) return 0;
  const first = repo.auditFirst() ?? through;
  if (dryRun) return through - first + 1;
  return db.transaction(() => {
    const last = repo.auditRow(through);
    if (!last) return 0;
    audit.record({
      kind: 'audit.purged',
      subject: String(through),
      detail: { throughSeq: through, throughHash: last.hash, rows: through - first + 1 },
    });
    return repo.deleteAuditThrough(through);
  })();
}
