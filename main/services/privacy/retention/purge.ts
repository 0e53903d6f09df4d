import { DEFAULT_RETENTION, type PurgeCounts, type PurgeReport } from '../../../../shared/domain/retention';
import type { Db } from '../../../store/open';
import type { RetentionRepository } from '../../../store/repositories/retention';
import type { AuditRecorder } from '../audit';
import { purgeAuditLog } from './audit-purge';
import { firmCutoffs, monthsBefore } from './cutoffs';

/**
 * Rows removed per transaction. The purge runs on the main process, which also answers the ringing phone: the
 * first purge after an upgrade may meet ten years of rows (69,000 messages and 136,000 calls on the bench's
 * seed), so it goes in short transactions and lets the event loop run between two. 100: on the loaded 2-core
 * machine a transaction of 100 then takes 0.3–0.5 s (secure_delete, FTS delete markers, fsync), one of 500 up to 5 s.
 */
export const PURGE_BATCH = 100;

/** FTS pages merged per step of the optimise that follows a purge. */
export const MERGE_PAGES = 200;

const total = (counts: PurgeCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
const add = (a: PurgeCounts, b: PurgeCounts): PurgeCounts => ({
  messages: a.messages + b.messages,
  outbox: a.outbox + b.outbox,
  calls: a.calls + b.calls,
  timeEntries: a.timeEntries + b.timeEntries,
  entryAudit: a.entryAudit + b.entryAudit,
  importBatches: a.importBatches + b.importBatches,
});
const ZERO: PurgeCounts = { messages: 0, outbox: 0, calls: 0, timeEntries: 0, entryAudit: 0, importBatches: 0 };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The daily purge: for each firm (archived ones too), what its retention lets go; calls of no firm follow the
 * defaults. Each batch is one transaction with its audit entry (counts only), so whatever is removed is in the
 * log even if the app stops half-way. Then the audit log's expired start, and the search indexes are optimised
 * (merged) so the purged words leave the FTS segments, with SQLite's secure_delete on meanwhile so freed pages
 * are zeroed, and the WAL truncated after.
 */
export async function runPurge(
  db: Db,
  repo: RetentionRepository,
  audit: AuditRecorder,
  now: number,
  dryRun: boolean,
  batch = PURGE_BATCH,
): Promise<PurgeReport> {
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
      const cutoffs = {
        ...firmCutoffs(firm.id, policy, now, firm.id === '' ? [] : repo.protectedMonths(firm.id), firm.timeZone),
        batch,
      };
      let counts: PurgeCounts = dryRun ? { ...repo.count(cutoffs), importBatches: 0 } : ZERO;
      for (let removed = ZERO; !dryRun;) {
        removed = db.transaction(() => {
          const rows = repo.purge(cutoffs);
          if (total(rows) > 0) audit.record({ kind: 'retention.purged', firmId: firm.id || null, detail: { ...rows } });
          return rows;
        })();
        counts = add(counts, removed);
        if (total(removed) === 0) break;
        await nextTurn();
      }
      if (counts.messages > 0) removedText = true;
      if (total(counts) > 0) firms.push({ firmId: firm.id, counts });
      await nextTurn();
    }
    const auditRows = purgeAuditLog(
      db,
      repo,
      audit,
      auditCutoffs,
      monthsBefore(now, DEFAULT_RETENTION.auditMonths),
      dryRun,
    );
    if (!dryRun && removedText) {
      // An incremental optimise: one 'optimize' of the ten-year index holds the main thread 2–5 s.
      for (const index of ['messages', 'contacts'] as const) {
        for (let first = true; repo.mergeStep(index, MERGE_PAGES, first); first = false) await nextTurn();
      }
    }
    return { at: now, dryRun, firms, auditRows };
  } finally {
    if (!dryRun) {
      db.pragma(`secure_delete = ${previousSecureDelete ? 'ON' : 'OFF'}`);
      // The purged pages' old images live in the WAL until a checkpoint: copy them back and empty it.
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}
