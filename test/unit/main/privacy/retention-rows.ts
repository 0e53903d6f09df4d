import { indexMessagesAfter } from '../../../../main/store/repositories/messages-search';
import type { Db } from '../../../../main/store/open';

/** Rows written straight into the store, at chosen instants, for the retention tests. */
export function insertMessage(
  db: Db,
  row: { id: string; firmId: string; status: string; createdAt: number; deliveredAt?: number | null; body?: string },
): void {
  const last = db.prepare('SELECT ifnull(max(seq), 0) FROM messages').pluck().get() as number;
  db.prepare(
    `INSERT INTO messages (id, firm_id, status, caller_name, caller_phone, body, created_at, updated_at, delivered_at)
     VALUES (@id, @firmId, @status, 'Mme Canari', '+33612345678', @body, @createdAt, @createdAt, @deliveredAt)`,
  ).run({ body: '', deliveredAt: null, ...row });
  indexMessagesAfter(db, last);
}

export function insertOutbox(
  db: Db,
  row: { id: string; firmId: string; messageId: string | null; kind: string; state: string; createdAt: number },
): void {
  db.prepare(
    `INSERT INTO outbox (id, kind, message_id, firm_id, state, next_attempt_at, message_id_header, recipients,
       subject, text_body, created_at, sent_at)
     VALUES (@id, @kind, @messageId, @firmId, @state, @createdAt, @id || '@test', '[]', 'Message', 'texte',
       @createdAt, CASE WHEN @state = 'sent' THEN @createdAt END)`,
  ).run(row);
}

export function insertCall(db: Db, row: { id: string; firmId: string | null; offeredAt: number }): void {
  db.prepare(
    `INSERT INTO calls (id, direction, firm_id, caller_number, offered_at, ended_at, outcome)
     VALUES (@id, 'inbound', @firmId, '+33612345678', @offeredAt, @offeredAt + 60000, 'answered')`,
  ).run(row);
  db.prepare('INSERT INTO call_holds (call_id, started_at, ended_at) VALUES (?, ?, ?)').run(
    row.id,
    row.offeredAt + 1000,
    row.offeredAt + 2000,
  );
}

export function insertEntry(
  db: Db,
  row: { id: string; firmId: string; startedAt: number; callId?: string | null; label?: string },
): void {
  db.prepare(
    `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds, label,
       created_at, updated_at)
     VALUES (@id, @firmId, 'manual', @callId, 'call', @startedAt, 60, @label, @startedAt, @startedAt)`,
  ).run({ callId: null, label: '', ...row });
  db.prepare(
    `INSERT INTO entry_audit (entry_id, firm_id, action, at, by, after) VALUES (?, ?, 'create', ?, 'Sophie', '{}')`,
  ).run(row.id, row.firmId, row.startedAt);
}

export function ids(db: Db, table: string): string[] {
  return db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as string[];
}
