import type { RetentionPolicy } from '../../../shared/domain/retention';
import type { Db } from '../open';

interface PolicyRow {
  id: string;
  messages_months: number;
  calls_months: number;
  time_entries_months: number;
  audit_months: number;
  updated_at: number;
}

/** Cutoffs of one firm's purge (epoch ms: rows strictly older go) and the months kept for accounting. */
export interface FirmCutoffs {
  /** At most this many messages, calls and time entries per purge() call (one short transaction each). */
  batch?: number;
  firmId: string;
  messages: number;
  calls: number;
  timeEntries: number;
  /** JSON array of [start, end) instants of locked or invoiced months still inside their 10 years. */
  protectedRanges: string;
}

/** Messages that may go: delivered (never a draft, a queued or a failed one), and no mail about them in flight. */
const MESSAGES = `firm_id = @firmId AND status IN ('transmis', 'traite') AND delivered_at IS NOT NULL
  AND delivered_at < @messages
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = messages.id AND o.state IN ('pending', 'sending', 'held', 'failed'))`;
const DIGESTS = `firm_id = @firmId AND kind = 'digest' AND message_id IS NULL AND state IN ('sent', 'cancelled')
  AND coalesce(sent_at, created_at) < @messages`;
/** Calls of no firm (unrecognised number) have firmId '' here and follow the default policy. */
const CALLS = `ifnull(firm_id, '') = @firmId AND offered_at < @calls`;
const ENTRIES = `firm_id = @firmId AND started_at < @timeEntries
  AND NOT EXISTS (SELECT 1 FROM json_each(@protectedRanges) r
    WHERE time_entries.started_at >= (r.value ->> 0) AND time_entries.started_at < (r.value ->> 1))`;
const BATCH = 'ORDER BY seq LIMIT @batch';
const BATCHES = `firm_id = @firmId AND imported_at < @timeEntries
  AND NOT EXISTS (SELECT 1 FROM time_entries e WHERE e.import_batch_id = time_import_batches.id)`;

/**
 * firm_retention (migration 0011) and the statements of the retention purge. Every purge statement takes the
 * same named cutoffs, so the dry run counts exactly what the purge deletes.
 */
export function createRetentionRepository(db: Db) {
  const s = {
    get: db.prepare<[string], PolicyRow>('SELECT * FROM firm_retention WHERE id = ?'),
    all: db.prepare<[], PolicyRow>('SELECT * FROM firm_retention'),
    firms: db.prepare<[], { id: string; timeZone: string }>('SELECT id, time_zone AS timeZone FROM firms ORDER BY id'),
    firm: db.prepare<[string], { id: string; name: string; timeZone: string; sector: string }>(
      'SELECT id, name, time_zone AS timeZone, sector FROM firms WHERE id = ?',
    ),
    upsert: db.prepare(
      `INSERT INTO firm_retention (id, messages_months, calls_months, time_entries_months, audit_months, updated_at)
       VALUES (@id, @messagesMonths, @callsMonths, @timeEntriesMonths, @auditMonths, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET messages_months = excluded.messages_months,
         calls_months = excluded.calls_months, time_entries_months = excluded.time_entries_months,
         audit_months = excluded.audit_months, updated_at = excluded.updated_at`,
    ),
    protectedMonths: db.prepare<[{ firmId: string }], { month: string }>(
      `SELECT month FROM month_locks WHERE firm_id = @firmId OR firm_id IS NULL
       UNION SELECT month FROM invoices WHERE firm_id = @firmId`,
    ),
    count: {
      messages: db.prepare(`SELECT count(*) FROM messages WHERE ${MESSAGES}`).pluck(),
      outbox: db
        .prepare(
          `SELECT (SELECT count(*) FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE ${MESSAGES}))
             + (SELECT count(*) FROM outbox WHERE ${DIGESTS})`,
        )
        .pluck(),
      calls: db.prepare(`SELECT count(*) FROM calls WHERE ${CALLS}`).pluck(),
      timeEntries: db.prepare(`SELECT count(*) FROM time_entries WHERE ${ENTRIES}`).pluck(),
      entryAudit: db
        .prepare(`SELECT count(*) FROM entry_audit WHERE entry_id IN (SELECT id FROM time_entries WHERE ${ENTRIES})`)
        .pluck(),
    },
    // One batch: the first @batch rows (by seq) that match, the same set for every statement of a transaction.
    purge: {
      messagesFts: db.prepare(
        `DELETE FROM messages_fts WHERE rowid IN (SELECT search_key FROM messages WHERE ${MESSAGES} ${BATCH})`,
      ),
      messageJobs: db
        .prepare(`SELECT count(*) FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE ${MESSAGES} ${BATCH})`)
        .pluck(),
      messages: db.prepare(`DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE ${MESSAGES} ${BATCH})`),
      digests: db.prepare(`DELETE FROM outbox WHERE ${DIGESTS}`),
      unlinkMessages: db.prepare(
        `UPDATE messages SET call_id = NULL WHERE call_id IN (SELECT id FROM calls WHERE ${CALLS} ${BATCH})`,
      ),
      unlinkEntries: db.prepare(
        `UPDATE time_entries SET call_id = NULL WHERE call_id IN (SELECT id FROM calls WHERE ${CALLS} ${BATCH})`,
      ),
      calls: db.prepare(`DELETE FROM calls WHERE seq IN (SELECT seq FROM calls WHERE ${CALLS} ${BATCH})`),
      entryAudit: db.prepare(
        `DELETE FROM entry_audit WHERE entry_id IN (SELECT id FROM time_entries WHERE ${ENTRIES} ${BATCH})`,
      ),
      timeEntries: db.prepare(
        `DELETE FROM time_entries WHERE seq IN (SELECT seq FROM time_entries WHERE ${ENTRIES} ${BATCH})`,
      ),
      batches: db.prepare(`DELETE FROM time_import_batches WHERE ${BATCHES}`),
    },
    // Audit log: the prefix of expired rows (a row's firm's cutoff, else the default one).
    firstAuditKept: db
      .prepare<[{ cutoffs: string; fallback: number }], number | null>(
        `SELECT min(seq) FROM audit_log a
         WHERE a.at >= coalesce((SELECT c.value FROM json_each(@cutoffs) c WHERE c.key = a.firm_id), @fallback)`,
      )
      .pluck(),
    auditRow: db.prepare<[number], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq = ?'),
    auditFirst: db.prepare<[], number | null>('SELECT min(seq) FROM audit_log').pluck(),
    auditLast: db.prepare<[], number | null>('SELECT max(seq) FROM audit_log').pluck(),
    allowAuditPurge: db.prepare<[number]>("INSERT INTO audit_purge_allowed (id, through_seq) VALUES ('purge', ?)"),
    deleteAuditThrough: db.prepare<[number]>('DELETE FROM audit_log WHERE seq <= ?'),
    closeAuditPurge: db.prepare('DELETE FROM audit_purge_allowed'),
    optimizeMessages: db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')"),
    optimizeContacts: db.prepare("INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize')"),
    mergeMessages: db.prepare<[number]>("INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', ?)"),
    mergeContacts: db.prepare<[number]>("INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('merge', ?)"),
    totalChanges: db.prepare<[], number>('SELECT total_changes()').pluck(),
  };

  const toPolicy = (row: PolicyRow): RetentionPolicy => ({
    messagesMonths: row.messages_months,
    callsMonths: row.calls_months,
    timeEntriesMonths: row.time_entries_months,
    auditMonths: row.audit_months,
  });

  return {
    get(firmId: string): RetentionPolicy | null {
      const row = s.get.get(firmId);
      return row ? toPolicy(row) : null;
    },
    all(): Map<string, RetentionPolicy> {
      return new Map(s.all.all().map((row) => [row.id, toPolicy(row)]));
    },
    save(firmId: string, policy: RetentionPolicy, at: number): void {
      s.upsert.run({ id: firmId, ...policy, updatedAt: at });
    },
    /** Every firm, archived ones too (their data expires all the same). */
    firms: () => s.firms.all(),
    /** A firm, archived or not; null when there is none. */
    firm: (id: string) => s.firm.get(id) ?? null,
    /** 'YYYY-MM' months of the firm that are locked (by it or globally) or invoiced. */
    protectedMonths: (firmId: string): string[] => s.protectedMonths.all({ firmId }).map((r) => r.month),
    count(c: FirmCutoffs) {
      const n = (statement: { get(p: FirmCutoffs): unknown }) => statement.get(c) as number;
      return {
        messages: n(s.count.messages),
        outbox: n(s.count.outbox),
        calls: n(s.count.calls),
        timeEntries: n(s.count.timeEntries),
        entryAudit: n(s.count.entryAudit),
      };
    },
    /**
     * Deletes one batch of what count() counts (at most `batch` messages, calls and time entries; digests and
     * orphaned import batches all at once); the caller owns the transaction and calls again until it removes
     * nothing.
     */
    purge(cutoffs: FirmCutoffs) {
      const c = { ...cutoffs, batch: cutoffs.batch ?? -1 }; // LIMIT -1: no limit
      // The message jobs go with their message (cascade): counted first. Digests are not tied to a message.
      const outbox = (s.purge.messageJobs.get(c) as number) + s.purge.digests.run(c).changes;
      s.purge.messagesFts.run(c);
      const messages = s.purge.messages.run(c).changes;
      s.purge.unlinkMessages.run(c);
      s.purge.unlinkEntries.run(c);
      const calls = s.purge.calls.run(c).changes;
      const entryAudit = s.purge.entryAudit.run(c).changes;
      const timeEntries = s.purge.timeEntries.run(c).changes;
      const importBatches = s.purge.batches.run(c).changes;
      return { messages, outbox, calls, timeEntries, entryAudit, importBatches };
    },
    /** The last seq of the audit log's expired prefix, or null when its first row is still kept. */
    auditPurgeThrough(cutoffs: Record<string, number>, fallback: number): number | null {
      const first = s.auditFirst.get() as number | null;
      if (first === null) return null;
      const kept = s.firstAuditKept.get({ cutoffs: JSON.stringify(cutoffs), fallback }) as number | null;
      const through = kept === null ? (s.auditLast.get() as number) : kept - 1;
      return through >= first ? through : null;
    },
    auditRow: (seq: number) => s.auditRow.get(seq) ?? null,
    auditFirst: () => s.auditFirst.get() as number | null,
    /** Inside the caller's transaction: the guard, the delete, the guard gone. Returns the rows removed. */
    deleteAuditThrough(seq: number): number {
      s.allowAuditPurge.run(seq);
      const removed = s.deleteAuditThrough.run(seq).changes;
      s.closeAuditPurge.run();
      return removed;
    },
    /**
     * One step of an incremental optimise of an FTS index (FTS5's 'merge' command, about `pages` pages written):
     * the first step with a negative count puts every segment on one level, the next ones carry that merge on,
     * which ends as 'optimize' does (one segment, deleted rows' words gone). False once a step did no work.
     */
    mergeStep(index: 'messages' | 'contacts', pages: number, first: boolean): boolean {
      const before = s.totalChanges.get() as number;
      (index === 'messages' ? s.mergeMessages : s.mergeContacts).run(first ? -pages : pages);
      return (s.totalChanges.get() as number) - before >= 2;
    },
    /** Merges each FTS index into one segment: the deleted rows' words leave the index's pages. */
    optimizeSearch(): void {
      s.optimizeMessages.run();
      s.optimizeContacts.run();
    },
  };
}
export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
