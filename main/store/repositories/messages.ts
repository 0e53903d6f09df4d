import type {
  MessageContent,
  MessageDelivery,
  MessageFilter,
  MessageRecord,
  MessageStatus,
  ScriptState,
} from '../../../shared/domain/message';
import type { Db } from '../open';
import { fromJson, toJson } from './json';
import { createMessageSearch, MESSAGE_FILTER as FILTER } from './messages-search';

interface MessageRow {
  seq: number;
  id: string;
  firm_id: string;
  call_id: string | null;
  contact_id: string | null;
  status: MessageStatus;
  urgency: MessageContent['urgency'];
  caller_name: string;
  caller_company: string;
  caller_phone: string;
  caller_email: string;
  motif: string;
  call_back: string;
  body: string;
  fields: string;
  script_state: string;
  revision: number;
  taken_by: string;
  delivery_note: string;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  delivered_at: number | null;
  handled_at: number | null;
  recipients: string | null;
}

interface DeliveryRow {
  job_id: string;
  revision: number;
  kind: MessageDelivery['kind'];
  at: number;
  outcome: MessageDelivery['outcome'];
  accepted: string;
  rejected: string;
  detail: string;
}

const SELECT = `SELECT m.*, (SELECT json_group_array(person_id) FROM (SELECT person_id FROM message_recipients r
  WHERE r.message_id = m.id ORDER BY position)) AS recipients FROM messages m`;

export interface NewMessage {
  id: string;
  firmId: string;
  callId: string | null;
  contactId: string | null;
  takenBy: string;
  now: number;
}

export function createMessagesRepository(db: Db) {
  const s = {
    byId: db.prepare<[string], MessageRow>(`${SELECT} WHERE m.id = ?`),
    insert: db.prepare(
      `INSERT INTO messages (id, firm_id, call_id, contact_id, status, taken_by, created_at, updated_at)
       VALUES (@id, @firmId, @callId, @contactId, 'brouillon', @takenBy, @now, @now)`,
    ),
    writeContent: db.prepare(
      `UPDATE messages SET urgency = @urgency, caller_name = @callerName, caller_company = @callerCompany,
         caller_phone = @callerPhone, caller_email = @callerEmail, motif = @motif, call_back = @callBack, body = @body,
         fields = @fields, script_state = @scriptState, updated_at = @now WHERE id = @id`,
    ),
    setContact: db.prepare<[string | null, number, string]>(
      'UPDATE messages SET contact_id = ?, updated_at = ? WHERE id = ?',
    ),
    submitted: db.prepare<[number, number, string]>(
      "UPDATE messages SET status = 'a-transmettre', revision = ?, submitted_at = coalesce(submitted_at, ?), delivery_note = '' WHERE id = ?",
    ),
    delivered: db.prepare<[number, number, string]>(
      "UPDATE messages SET status = CASE WHEN status = 'traite' THEN 'traite' ELSE 'transmis' END, delivered_at = ?, updated_at = ?, delivery_note = '' WHERE id = ?",
    ),
    failed: db.prepare<[string, number, string]>(
      "UPDATE messages SET status = 'echec', delivery_note = ?, updated_at = ? WHERE id = ?",
    ),
    note: db.prepare<[string, string]>('UPDATE messages SET delivery_note = ? WHERE id = ?'),
    handled: db.prepare<[number, number, string]>(
      "UPDATE messages SET status = 'traite', handled_at = ?, updated_at = ? WHERE id = ?",
    ),
    deleteRecipients: db.prepare<[string]>('DELETE FROM message_recipients WHERE message_id = ?'),
    insertRecipient: db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO message_recipients (message_id, person_id, position) VALUES (?, ?, ?)',
    ),
    deleteDraft: db.prepare<[string]>("DELETE FROM messages WHERE id = ? AND status = 'brouillon'"),
    list: db.prepare(`${SELECT} WHERE ${FILTER} ORDER BY m.created_at DESC, m.seq DESC LIMIT @limit OFFSET @offset`),
    count: db.prepare<[object], { n: number }>(`SELECT count(*) AS n FROM messages m WHERE ${FILTER}`),
    deliveries: db.prepare<[string], DeliveryRow>(
      'SELECT job_id, revision, kind, at, outcome, accepted, rejected, detail FROM message_deliveries WHERE message_id = ? ORDER BY at, seq',
    ),
    addDelivery: db.prepare(
      `INSERT INTO message_deliveries (message_id, job_id, revision, kind, at, outcome, accepted, rejected, detail)
       VALUES (@messageId, @jobId, @revision, @kind, @at, @outcome, @accepted, @rejected, @detail)`,
    ),
    lastSeen: db.prepare<[string], { version: number }>('SELECT version FROM consigne_views WHERE firm_id = ?'),
    markSeen: db.prepare<[string, number, number]>(
      `INSERT INTO consigne_views (firm_id, version, seen_at) VALUES (?, ?, ?)
       ON CONFLICT (firm_id) DO UPDATE SET version = excluded.version, seen_at = excluded.seen_at`,
    ),
  };

  const search = createMessageSearch(db);

  function toRecord(row: MessageRow): MessageRecord {
    return {
      id: row.id,
      firmId: row.firm_id,
      callId: row.call_id,
      contactId: row.contact_id,
      status: row.status,
      revision: row.revision,
      recipients: row.recipients ? fromJson<string[]>(row.recipients) : [],
      callerName: row.caller_name,
      callerCompany: row.caller_company,
      callerPhone: row.caller_phone,
      callerEmail: row.caller_email,
      motif: row.motif,
      urgency: row.urgency,
      callBack: row.call_back,
      body: row.body,
      fields: fromJson<Record<string, string>>(row.fields),
      scriptState: {
        stepId: null,
        history: [],
        finished: false,
        identityChecked: false,
        ...fromJson<Partial<ScriptState>>(row.script_state),
      },
      takenBy: row.taken_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
      deliveredAt: row.delivered_at,
      handledAt: row.handled_at,
      deliveryNote: row.delivery_note,
    };
  }

  function filterParams(filter: MessageFilter) {
    return {
      firmId: filter.firmId ?? null,
      status: filter.status ?? null,
      urgency: filter.urgency ?? null,
      personId: filter.personId ?? null,
      callerPhone: filter.callerPhone ?? null,
      callId: filter.callId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    };
  }

  return {
    get(id: string): MessageRecord | null {
      const row = s.byId.get(id);
      return row ? toRecord(row) : null;
    },
    insert(message: NewMessage): void {
      s.insert.run(message);
    },
    /** Writes what she typed and reindexes it; the caller owns the transaction. */
    writeContent(id: string, content: MessageContent, scriptState: ScriptState, now: number): void {
      s.writeContent.run({ id, ...content, fields: toJson(content.fields), scriptState: toJson(scriptState), now });
      s.deleteRecipients.run(id);
      content.recipients.forEach((personId, index) => s.insertRecipient.run(id, personId, index));
      search.reindex(id);
    },
    setContact: (id: string, contactId: string | null, now: number) => s.setContact.run(contactId, now, id),
    markSubmitted: (id: string, revision: number, now: number) => s.submitted.run(revision, now, id),
    markDelivered: (id: string, now: number) => s.delivered.run(now, now, id),
    markFailed: (id: string, reason: string, now: number) => s.failed.run(reason, now, id),
    setDeliveryNote: (id: string, note: string) => s.note.run(note, id),
    markHandled: (id: string, now: number) => s.handled.run(now, now, id),
    deleteDraft(id: string): boolean {
      const draft = s.byId.get(id);
      if (draft?.status !== 'brouillon') return false;
      search.unindex(id);
      return s.deleteDraft.run(id).changes > 0;
    },
    list(filter: MessageFilter): { items: MessageRecord[]; total: number } {
      const params = filterParams(filter);
      const found = search.search<MessageRow>(filter, params);
      if (found) return { items: found.rows.map(toRecord), total: found.total };
      const rows = s.list.all({ ...params, limit: filter.limit, offset: filter.offset }) as MessageRow[];
      return { items: rows.map(toRecord), total: s.count.get(params)!.n };
    },
    deliveries(id: string): MessageDelivery[] {
      return s.deliveries.all(id).map((r) => ({
        jobId: r.job_id,
        revision: r.revision,
        kind: r.kind,
        at: r.at,
        outcome: r.outcome,
        accepted: fromJson<string[]>(r.accepted),
        rejected: fromJson<string[]>(r.rejected),
        detail: r.detail,
      }));
    },
    addDelivery(messageId: string, delivery: MessageDelivery): void {
      s.addDelivery.run({
        messageId,
        ...delivery,
        accepted: toJson(delivery.accepted),
        rejected: toJson(delivery.rejected),
      });
    },
    lastSeenConsignes: (firmId: string): number | null => s.lastSeen.get(firmId)?.version ?? null,
    markConsignesSeen: (firmId: string, version: number, now: number) => s.markSeen.run(firmId, version, now),
  };
}
export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
