import { DEFAULT_RETENTION, type PurgeCounts, type PurgeReport } from '../../../../shared/domain/retention';
import type { Db } from '../../../store/open';
import type { RetentionRepository } from '../../../store/repositories/retention';
import type { AuditRecorder } from '../audit';
import { purgeAuditLog } from './audit-purge';
import { firmCutoffs, monthsBefore } from './cutoffs';

const total = (counts: PurgeCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The daily purge: for each firm (archived ones too), what its retention lets go; calls of no firm follow the
 * defaults. One transaction per firm, with its audit entry (counts only). Then the audit log's expired start, and
 * the search indexes are optimised (merged) so the purged words leave the FTS segments, with SQLite's
 * secure_delete on meanwhile so freed pages are zeroed, and the WAL truncated after.
 */
export function runPurge(
  db: Db,
  repo: RetentionRepository,
  audit: AuditRecorder,
  now: number,
  dryRun: boolean,
): PurgeReport {
  const policies = repo.all();
  const firms: PurgeReport['firms'] = [];
  const auditCutoffs: Record<string, number> = {};
  const previousSecureDelete = db.pragma('secure_delete', { simple: true }) as number;
  if (!dryRun) db.pragma('secure_delete = ON');
  try {
    let removedText = false;
    for (const firm of [...repo.firms(), { id: '', timeZone: 'UTC' }]) {
      const policy = policies.get(firm.id) ?? DEFAULT_RETENTION;
      if (firm.id !== '') auditCutoffs[firm.id] = monthsBefore(now, policy.auditMonths);
      const cutoffs = firmCutoffs(
        firm.id,
        policy,
        now,
        firm.id === '' ? [] : repo.protectedMonths(firm.id),
        firm.timeZone,
      );
      const counts: PurgeCounts = dryRun
        ? { ...repo.count(cutoffs), importBatches: 0 }
        : db.transaction(() => {
            const removed = repo.purge(cutoffs);
            if (total(removed) > 0) {
              audit.record({ kind: 'retention.purged', firmId: firm.id || null, detail: { ...removed } });
            }
            return removed;
          })();
      if (counts.messages > 0) removedText = true;
      if (total(counts) > 0) firms.push({ firmId: firm.id, counts });
    }
    const auditRows = purgeAuditLog(
      db,
      repo,
      audit,
      auditCutoffs,
      monthsBefore(now, DEFAULT_RETENTION.auditMonths),
      dryRun,
    );
    if (!dryRun && removedText) repo.optimizeSearch();
    return { at: now, dryRun, firms, auditRows };
  } finally {
    if (!dryRun) {
      db.pragma(`secure_delete = ${previousSecureDelete ? 'ON' : 'OFF'}`);
      // The purged pages' old images live in the WAL until a checkpoint: copy them back and empty it.
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}
