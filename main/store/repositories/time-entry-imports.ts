import type { TimeEntry } from '../../../shared/domain/timesheet';
import type { Db } from '../open';
import { toJson } from './json';

/**
 * The writes of a time-entry CSV import, apart from the entries' everyday repository. A large file is written in
 * short transactions (so calls and drafts are saved meanwhile); its batch row says `entry_count = -1` until the
 * last slice is in, and a batch left so by a crash is removed at the next start: the import stays all-or-nothing.
 */
/** What makes two entries the same work: firm (implied), start, duration, task type and quantity. */
export const entrySignature = (e: Pick<TimeEntry, 'startedAt' | 'durationSeconds' | 'taskType' | 'quantity'>) =>
  `${e.startedAt}|${e.durationSeconds}|${e.taskType}|${e.quantity}`;

export function createTimeEntryImportsRepository(db: Db) {
  const s = {
    // Positional parameters: binding an object by name costs more than the insert itself at 200,000 rows.
    insert: db.prepare(
      `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds, after_call_seconds,
         quantity, billable, urgent, label, note, import_batch_id, created_at, updated_at)
       VALUES (?, ?, 'import', NULL, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    audit: db.prepare(
      `INSERT INTO entry_audit (entry_id, firm_id, action, at, by, before, after)
       VALUES (?, ?, 'import', ?, ?, NULL, ?)`,
    ),
    // Keyset pages in the order of the (firm_id, started_at) index, whose entries end with the rowid (seq).
    signatures: db.prepare<
      [string, number, number, number],
      { seq: number; started_at: number; duration_seconds: number; task_type: string; quantity: number }
    >(
      `SELECT seq, started_at, duration_seconds, task_type, quantity FROM time_entries
       WHERE firm_id = ? AND (started_at, seq) > (?, ?) AND started_at <= ? ORDER BY started_at, seq LIMIT 2000`,
    ),
    startBatch: db.prepare<[string, string, string, number, string]>(
      `INSERT INTO time_import_batches (id, firm_id, file_name, imported_at, imported_by, entry_count)
       VALUES (?, ?, ?, ?, ?, -1)`,
    ),
    finishBatch: db.prepare<[number, string]>('UPDATE time_import_batches SET entry_count = ? WHERE id = ?'),
    pending: db.prepare<[], { id: string }>('SELECT id FROM time_import_batches WHERE entry_count < 0'),
    removeAudit: db.prepare<[string, number]>(
      `DELETE FROM entry_audit WHERE action = 'import' AND entry_id IN
         (SELECT id FROM time_entries WHERE import_batch_id = ? ORDER BY seq LIMIT ?)`,
    ),
    removeEntries: db.prepare<[string, number]>(
      'DELETE FROM time_entries WHERE seq IN (SELECT seq FROM time_entries WHERE import_batch_id = ? ORDER BY seq LIMIT ?)',
    ),
    removeBatch: db.prepare<[string]>('DELETE FROM time_import_batches WHERE id = ?'),
    lockedMonths: db
      .prepare<[string], string>('SELECT DISTINCT month FROM month_locks WHERE firm_id IS NULL OR firm_id = ?')
      .pluck(),
  };
  const insertAll = db.transaction((entries: readonly TimeEntry[], at: number, by: string) => {
    for (const e of entries) {
      s.insert.run(
        e.id,
        e.firmId,
        e.taskType,
        e.startedAt,
        e.durationSeconds,
        e.quantity,
        e.billable ? 1 : 0,
        e.urgent ? 1 : 0,
        e.label,
        e.note,
        e.importBatchId,
        e.createdAt,
        e.updatedAt,
      );
      // The audit keeps what the line said (the fields the history shows); the rest is in the entry's row.
      s.audit.run(
        e.id,
        e.firmId,
        at,
        by,
        toJson({
          taskType: e.taskType,
          startedAt: e.startedAt,
          durationSeconds: e.durationSeconds,
          quantity: e.quantity,
          billable: e.billable,
          urgent: e.urgent,
          label: e.label,
          note: e.note,
          source: e.source,
          importBatchId: e.importBatchId,
        }),
      );
    }
  });
  return {
    /**
     * Adds to `into` the signatures (see entrySignature) of the firm's entries started in [after, to], 2,000 at a
     * time: `after` is where the previous page stopped ([from, 0] first). The caller yields between pages; null when
     * every page is read.
     */
    signaturesPage(
      firmId: string,
      after: [startedAt: number, seq: number],
      to: number,
      into: Set<string>,
    ): [number, number] | null {
      const rows = s.signatures.all(firmId, after[0], after[1], to);
      for (const r of rows) into.add(`${r.started_at}|${r.duration_seconds}|${r.task_type}|${r.quantity}`);
      const last = rows[rows.length - 1];
      return rows.length < 2000 || !last ? null : [last.started_at, last.seq];
    },
    startBatch: (id: string, firmId: string, fileName: string, at: number, by: string) =>
      void s.startBatch.run(id, firmId, fileName, at, by),
    /**
     * One slice of the file, in one short transaction committed without an fsync of its own (synchronous =
     * NORMAL for that commit only, FULL again before anything else runs on the connection): 400 fsyncs on the
     * main thread were most of a 200,000-line import and its longest blocks. A power cut keeps a prefix of the
     * slices at worst, under a batch still pending, which the next start removes; finishBatch commits with FULL,
     * which makes every slice durable, and so does any draft saved meanwhile.
     */
    insertSlice(entries: readonly TimeEntry[], at: number, by: string): void {
      const synchronous = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try {
        insertAll(entries, at, by);
      } finally {
        db.pragma(`synchronous = ${synchronous}`);
      }
    },
    finishBatch: (id: string, count: number) => void s.finishBatch.run(count, id),
    pendingBatches: () => s.pending.all().map((r) => r.id),
    /** The months ('yyyy-MM') locked for the firm or for every firm. */
    lockedMonths: (firmId: string): string[] => s.lockedMonths.all(firmId),
    /** Removes up to `limit` entries of an unfinished batch (and their audit); true when none is left. */
    removeSlice(batchId: string, limit: number): boolean {
      return db.transaction(() => {
        s.removeAudit.run(batchId, limit);
        const removed = s.removeEntries.run(batchId, limit).changes;
        if (removed < limit) s.removeBatch.run(batchId);
        return removed < limit;
      })();
    },
  };
}
export type TimeEntryImportsRepository = ReturnType<typeof createTimeEntryImportsRepository>;
