import type { TaskType } from '../../../shared/domain/billing';
import type {
  EntryAuditAction,
  EntryAuditRecord,
  LockAuditRecord,
  MonthLock,
  RunningTimer,
  TimeEntry,
} from '../../../shared/domain/timesheet';
import type { Db } from '../open';
import { fromJson, toJson } from './json';

interface EntryRow {
  id: string;
  firm_id: string;
  source: TimeEntry['source'];
  call_id: string | null;
  task_type: TaskType;
  started_at: number;
  duration_seconds: number;
  after_call_seconds: number;
  quantity: number;
  billable: number;
  urgent: number;
  label: string;
  note: string;
  import_batch_id: string | null;
  created_at: number;
  updated_at: number;
  demo: number;
}

interface EntryParams {
  id: string;
  firmId: string;
  source: string;
  callId: string | null;
  taskType: string;
  startedAt: number;
  durationSeconds: number;
  afterCallSeconds: number;
  quantity: number;
  billable: number;
  urgent: number;
  label: string;
  note: string;
  importBatchId: string | null;
  createdAt: number;
  updatedAt: number;
  demo: number;
}

export interface EntryFilter {
  firmId: string | null;
  from: number | null;
  to: number | null;
  limit: number;
  offset: number;
}

const toEntry = (row: EntryRow): TimeEntry => ({
  id: row.id,
  firmId: row.firm_id,
  source: row.source,
  callId: row.call_id,
  taskType: row.task_type,
  startedAt: row.started_at,
  durationSeconds: row.duration_seconds,
  afterCallSeconds: row.after_call_seconds,
  quantity: row.quantity,
  billable: row.billable === 1,
  urgent: row.urgent === 1,
  label: row.label,
  note: row.note,
  importBatchId: row.import_batch_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  demo: row.demo === 1,
});

const toParams = (e: TimeEntry): EntryParams => ({
  ...e,
  billable: e.billable ? 1 : 0,
  urgent: e.urgent ? 1 : 0,
  demo: e.demo ? 1 : 0,
});

const FILTER = `WHERE (@firmId IS NULL OR firm_id = @firmId) AND (@from IS NULL OR started_at >= @from)
  AND (@to IS NULL OR started_at < @to)`;

export function createTimeEntriesRepository(db: Db) {
  const s = {
    insert: db.prepare<[EntryParams]>(
      `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds, after_call_seconds,
         quantity, billable, urgent, label, note, import_batch_id, created_at, updated_at, demo)
       VALUES (@id, @firmId, @source, @callId, @taskType, @startedAt, @durationSeconds, @afterCallSeconds,
         @quantity, @billable, @urgent, @label, @note, @importBatchId, @createdAt, @updatedAt, @demo)`,
    ),
    update: db.prepare<[EntryParams]>(
      `UPDATE time_entries SET firm_id = @firmId, task_type = @taskType, started_at = @startedAt,
         duration_seconds = @durationSeconds, after_call_seconds = @afterCallSeconds, quantity = @quantity,
         billable = @billable, urgent = @urgent, label = @label, note = @note, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    remove: db.prepare<[string]>('DELETE FROM time_entries WHERE id = ?'),
    byId: db.prepare<[string], EntryRow>('SELECT * FROM time_entries WHERE id = ?'),
    byCall: db.prepare<[string], EntryRow>('SELECT * FROM time_entries WHERE call_id = ?'),
    byMessage: db.prepare<[string], EntryRow>(
      'SELECT e.* FROM time_entries e JOIN message_time_entries m ON m.entry_id = e.id WHERE m.message_id = ?',
    ),
    linkMessage: db.prepare<[string, string]>('INSERT INTO message_time_entries (message_id, entry_id) VALUES (?, ?)'),
    list: db.prepare<[Omit<EntryFilter, never>], EntryRow>(
      `SELECT * FROM time_entries ${FILTER} ORDER BY started_at DESC, seq DESC LIMIT @limit OFFSET @offset`,
    ),
    count: db.prepare<[Omit<EntryFilter, 'limit' | 'offset'>], { n: number }>(
      `SELECT count(*) AS n FROM time_entries ${FILTER}`,
    ),
    between: db.prepare<[{ firmId: string | null; from: number; to: number }], EntryRow>(
      `SELECT * FROM time_entries WHERE started_at >= @from AND started_at < @to AND (@firmId IS NULL OR firm_id = @firmId)
       ORDER BY started_at, seq`,
    ),
    audit: db.prepare<
      [
        {
          entryId: string;
          firmId: string;
          action: string;
          at: number;
          by: string;
          before: string | null;
          after: string | null;
        },
      ]
    >(
      `INSERT INTO entry_audit (entry_id, firm_id, action, at, by, before, after)
       VALUES (@entryId, @firmId, @action, @at, @by, @before, @after)`,
    ),
    auditFor: db.prepare<
      [string],
      {
        seq: number;
        entry_id: string;
        firm_id: string;
        action: EntryAuditAction;
        at: number;
        by: string;
        before: string | null;
        after: string | null;
      }
    >('SELECT * FROM entry_audit WHERE entry_id = ? ORDER BY seq'),
    timer: db.prepare<
      [],
      {
        firm_id: string;
        task_type: TaskType;
        started_at: number;
        label: string;
        note: string;
        urgent: number;
        billable: number;
      }
    >('SELECT * FROM running_timer WHERE id = 1'),
    setTimer: db.prepare<
      [
        {
          firmId: string;
          taskType: string;
          startedAt: number;
          label: string;
          note: string;
          urgent: number;
          billable: number;
        },
      ]
    >(
      `INSERT INTO running_timer (id, firm_id, task_type, started_at, label, note, urgent, billable)
       VALUES (1, @firmId, @taskType, @startedAt, @label, @note, @urgent, @billable)
       ON CONFLICT (id) DO UPDATE SET firm_id = excluded.firm_id, task_type = excluded.task_type,
         started_at = excluded.started_at, label = excluded.label, note = excluded.note, urgent = excluded.urgent,
         billable = excluded.billable`,
    ),
    clearTimer: db.prepare('DELETE FROM running_timer WHERE id = 1'),
    lockFor: db.prepare<
      [string, string],
      { firm_id: string | null; month: string; locked_at: number; locked_by: string }
    >(
      `SELECT * FROM month_locks WHERE month = ? AND (firm_id IS NULL OR firm_id = ?) ORDER BY firm_id IS NULL LIMIT 1`,
    ),
    exactLock: db.prepare<[string | null, string], { n: number }>(
      `SELECT count(*) AS n FROM month_locks WHERE ifnull(firm_id, '') = ifnull(?, '') AND month = ?`,
    ),
    locksOf: db.prepare<[string], { firm_id: string | null; month: string; locked_at: number; locked_by: string }>(
      'SELECT * FROM month_locks WHERE month = ? ORDER BY firm_id',
    ),
    lock: db.prepare<[string | null, string, number, string]>(
      'INSERT INTO month_locks (firm_id, month, locked_at, locked_by) VALUES (?, ?, ?, ?)',
    ),
    unlock: db.prepare<[string | null, string]>(
      `DELETE FROM month_locks WHERE ifnull(firm_id, '') = ifnull(?, '') AND month = ?`,
    ),
    lockAudit: db.prepare<[string | null, string, string, number, string, string]>(
      'INSERT INTO month_lock_audit (firm_id, month, action, at, by, reason) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    lockAuditOf: db.prepare<
      [string],
      {
        seq: number;
        firm_id: string | null;
        month: string;
        action: 'lock' | 'unlock';
        at: number;
        by: string;
        reason: string;
      }
    >('SELECT * FROM month_lock_audit WHERE month = ? ORDER BY seq'),
    batch: db.prepare<[string, string, string, number, string, number]>(
      `INSERT INTO time_import_batches (id, firm_id, file_name, imported_at, imported_by, entry_count) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    hasMessages: db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'messages'",
    ),
  };
  // The messages table belongs to the messages feature (migration 0003); count it only if it is there.
  const messagesCount =
    s.hasMessages.get()!.n > 0
      ? db.prepare<[{ firmId: string; from: number; to: number }], { n: number }>(
          // Messages taken on a demo call are not the firm's: they never count in its KPIs.
          `SELECT count(*) AS n FROM messages WHERE firm_id = @firmId AND created_at >= @from AND created_at < @to
             AND (call_id IS NULL OR call_id NOT IN (SELECT id FROM calls WHERE demo = 1))`,
        )
      : null;

  const lockRow = (r: { firm_id: string | null; month: string; locked_at: number; locked_by: string }): MonthLock => ({
    firmId: r.firm_id,
    month: r.month,
    lockedAt: r.locked_at,
    lockedBy: r.locked_by,
  });

  return {
    insert: (entry: TimeEntry) => void s.insert.run(toParams(entry)),
    getByMessage(messageId: string): TimeEntry | null {
      const row = s.byMessage.get(messageId);
      return row ? toEntry(row) : null;
    },
    linkMessage: (messageId: string, entryId: string) => void s.linkMessage.run(messageId, entryId),
    update: (entry: TimeEntry) => void s.update.run(toParams(entry)),
    remove: (id: string) => s.remove.run(id).changes > 0,
    get(id: string): TimeEntry | null {
      const row = s.byId.get(id);
      return row ? toEntry(row) : null;
    },
    getByCall(callId: string): TimeEntry | null {
      const row = s.byCall.get(callId);
      return row ? toEntry(row) : null;
    },
    list(filter: EntryFilter): { items: TimeEntry[]; total: number } {
      const { limit, offset, ...where } = filter;
      return { items: s.list.all({ ...where, limit, offset }).map(toEntry), total: s.count.get(where)!.n };
    },
    /** Entries started in [from, to), oldest first; every firm when firmId is null. */
    between(firmId: string | null, from: number, to: number): TimeEntry[] {
      return s.between.all({ firmId, from, to }).map(toEntry);
    },
    audit(record: Omit<EntryAuditRecord, 'seq'>): void {
      s.audit.run({
        entryId: record.entryId,
        firmId: record.firmId,
        action: record.action,
        at: record.at,
        by: record.by,
        before: record.before ? toJson(record.before) : null,
        after: record.after ? toJson(record.after) : null,
      });
    },
    auditOf(entryId: string): EntryAuditRecord[] {
      return s.auditFor.all(entryId).map((r) => ({
        seq: r.seq,
        entryId: r.entry_id,
        firmId: r.firm_id,
        action: r.action,
        at: r.at,
        by: r.by,
        before: r.before ? fromJson<Partial<TimeEntry>>(r.before) : null,
        after: r.after ? fromJson<Partial<TimeEntry>>(r.after) : null,
      }));
    },
    timer(): RunningTimer | null {
      const r = s.timer.get();
      return r
        ? {
            firmId: r.firm_id,
            taskType: r.task_type,
            startedAt: r.started_at,
            label: r.label,
            note: r.note,
            urgent: r.urgent === 1,
            billable: r.billable === 1,
          }
        : null;
    },
    setTimer: (t: RunningTimer) =>
      void s.setTimer.run({ ...t, urgent: t.urgent ? 1 : 0, billable: t.billable ? 1 : 0 }),
    clearTimer: () => void s.clearTimer.run(),
    /** The lock that covers this firm's month: its own, or one for every firm. */
    lockFor(firmId: string, month: string): MonthLock | null {
      const r = s.lockFor.get(month, firmId);
      return r ? lockRow(r) : null;
    },
    isLockedExactly: (firmId: string | null, month: string) => s.exactLock.get(firmId, month)!.n > 0,
    locksOf: (month: string) => s.locksOf.all(month).map(lockRow),
    lock(firmId: string | null, month: string, at: number, by: string, reason: string): void {
      s.lock.run(firmId, month, at, by);
      s.lockAudit.run(firmId, month, 'lock', at, by, reason);
    },
    unlock(firmId: string | null, month: string, at: number, by: string, reason: string): void {
      s.unlock.run(firmId, month);
      s.lockAudit.run(firmId, month, 'unlock', at, by, reason);
    },
    lockAuditOf(month: string): LockAuditRecord[] {
      return s.lockAuditOf.all(month).map((r) => ({
        seq: r.seq,
        firmId: r.firm_id,
        month: r.month,
        action: r.action,
        at: r.at,
        by: r.by,
        reason: r.reason,
      }));
    },
    insertBatch: (id: string, firmId: string, fileName: string, at: number, by: string, count: number) =>
      void s.batch.run(id, firmId, fileName, at, by, count),
    /** Messages taken for the firm in [from, to); 0 when the messages feature is not installed. */
    messagesTaken(firmId: string, from: number, to: number): number {
      return messagesCount ? messagesCount.get({ firmId, from, to })!.n : 0;
    },
  };
}
export type TimeEntriesRepository = ReturnType<typeof createTimeEntriesRepository>;
