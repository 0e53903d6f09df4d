import type { CallOffer, CallOutcome, CallRecord, HoldInterval } from '../../../shared/domain/call';
import type { Db } from '../open';

interface CallRow {
  id: string;
  direction: 'inbound' | 'outbound';
  firm_id: string | null;
  matched_by: CallRecord['matchedBy'];
  matched_number: string | null;
  caller_number: string | null;
  caller_raw: string;
  caller_name: string;
  anonymous: number;
  contact_id: string | null;
  diversion_reason: string | null;
  diversion_from: string | null;
  sip_call_id: string;
  demo: number;
  offered_at: number;
  answered_at: number | null;
  transferred_at: number | null;
  transfer_kind: 'blind' | 'announced' | null;
  transfer_target: string | null;
  ended_at: number | null;
  outcome: CallOutcome | null;
  failure_reason: string;
}

export interface CallFilter {
  firmId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  outcome?: CallOutcome | undefined;
  limit: number;
  offset: number;
}

interface CallFilterParams {
  firmId: string | null;
  from: number | null;
  to: number | null;
  outcome: CallOutcome | null;
}

const FILTER = `WHERE (@firmId IS NULL OR firm_id = @firmId) AND (@from IS NULL OR offered_at >= @from)
  AND (@to IS NULL OR offered_at < @to) AND (@outcome IS NULL OR outcome = @outcome)`;

export function createCallsRepository(db: Db) {
  const statements = {
    insert: db.prepare(
      `INSERT INTO calls (id, direction, firm_id, matched_by, matched_number, caller_number, caller_raw, caller_name,
                          anonymous, contact_id, diversion_reason, diversion_from, sip_call_id, demo, offered_at)
       VALUES (@id, @direction, @firmId, @matchedBy, @matchedNumber, @callerNumber, @callerRaw, @callerName,
               @anonymous, @contactId, @diversionReason, @diversionFrom, @sipCallId, @demo, @at)`,
    ),
    byId: db.prepare<[string], CallRow>('SELECT * FROM calls WHERE id = ?'),
    holds: db.prepare<[string], { started_at: number; ended_at: number | null }>(
      'SELECT started_at, ended_at FROM call_holds WHERE call_id = ? ORDER BY started_at',
    ),
    answered: db.prepare<[number, string]>('UPDATE calls SET answered_at = ? WHERE id = ? AND answered_at IS NULL'),
    holdStart: db.prepare<[string, number]>('INSERT OR IGNORE INTO call_holds (call_id, started_at) VALUES (?, ?)'),
    holdEnd: db.prepare<[number, string]>('UPDATE call_holds SET ended_at = ? WHERE call_id = ? AND ended_at IS NULL'),
    transferred: db.prepare<[number, string, string, string]>(
      'UPDATE calls SET transferred_at = ?, transfer_kind = ?, transfer_target = ? WHERE id = ?',
    ),
    ended: db.prepare<[number, CallOutcome, string, string]>(
      'UPDATE calls SET ended_at = ?, outcome = ?, failure_reason = ? WHERE id = ? AND ended_at IS NULL',
    ),
    setFirm: db.prepare<[string, string, string]>(
      'UPDATE calls SET firm_id = ?, matched_by = ? WHERE id = ? AND firm_id IS NULL',
    ),
    list: db.prepare<[CallFilterParams & { limit: number; offset: number }], CallRow>(
      `SELECT * FROM calls ${FILTER} ORDER BY offered_at DESC, seq DESC LIMIT @limit OFFSET @offset`,
    ),
    count: db.prepare<[CallFilterParams], { n: number }>(`SELECT count(*) AS n FROM calls ${FILTER}`),
    between: db.prepare<[{ from: number; to: number; firmId: string | null }], CallRow>(
      `SELECT * FROM calls WHERE offered_at >= @from AND offered_at < @to AND (@firmId IS NULL OR firm_id = @firmId)
       ORDER BY offered_at, seq`,
    ),
    recentForCaller: db.prepare<[string, string, number], CallRow>(
      'SELECT * FROM calls WHERE firm_id = ? AND caller_number = ? ORDER BY offered_at DESC LIMIT ?',
    ),
    hasMessages: db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'messages'",
    ),
  };
  // The messages table belongs to the messages feature (migration 0003); look into it only if it is there.
  const messageOf =
    statements.hasMessages.get()!.n > 0
      ? db.prepare<[string], { id: string; caller_name: string; caller_company: string }>(
          `SELECT id, caller_name, caller_company FROM messages WHERE call_id = ? ORDER BY created_at DESC, seq DESC LIMIT 1`,
        )
      : null;

  function toRecord(row: CallRow): CallRecord {
    const holds: HoldInterval[] = statements.holds
      .all(row.id)
      .map((h) => ({ startedAt: h.started_at, endedAt: h.ended_at }));
    return {
      id: row.id,
      direction: row.direction,
      firmId: row.firm_id,
      matchedBy: row.matched_by,
      matchedNumber: row.matched_number,
      callerNumber: row.caller_number,
      callerRaw: row.caller_raw,
      callerName: row.caller_name,
      anonymous: row.anonymous === 1,
      contactId: row.contact_id,
      diversionReason: row.diversion_reason,
      diversionFrom: row.diversion_from,
      sipCallId: row.sip_call_id,
      demo: row.demo === 1,
      offeredAt: row.offered_at,
      answeredAt: row.answered_at,
      transferredAt: row.transferred_at,
      transferKind: row.transfer_kind,
      transferTarget: row.transfer_target,
      endedAt: row.ended_at,
      outcome: row.outcome,
      failureReason: row.failure_reason,
      holds,
    };
  }

  return {
    insert(offer: CallOffer, contactId: string | null): boolean {
      if (statements.byId.get(offer.id)) return false;
      statements.insert.run({ ...offer, anonymous: offer.anonymous ? 1 : 0, demo: offer.demo ? 1 : 0, contactId });
      return true;
    },
    get(id: string): CallRecord | null {
      const row = statements.byId.get(id);
      return row ? toRecord(row) : null;
    },
    markAnswered: (id: string, at: number) => statements.answered.run(at, id).changes > 0,
    startHold: (id: string, at: number) => statements.holdStart.run(id, at).changes > 0,
    endHold: (id: string, at: number) => statements.holdEnd.run(at, id).changes > 0,
    markTransferred: (id: string, at: number, kind: 'blind' | 'announced', target: string) =>
      statements.transferred.run(at, kind, target, id).changes > 0,
    markEnded: (id: string, at: number, outcome: CallOutcome, reason: string) =>
      statements.ended.run(at, outcome, reason, id).changes > 0,
    assignFirm: (id: string, firmId: string) => statements.setFirm.run(firmId, 'manual', id).changes > 0,
    recentForCaller(firmId: string, callerNumber: string, limit: number): CallRecord[] {
      return statements.recentForCaller.all(firmId, callerNumber, limit).map(toRecord);
    },
    /** Filters are optional and combined; the SQL text is fixed and every value is a bound parameter. */
    list(filter: CallFilter): { items: CallRecord[]; total: number } {
      const params: CallFilterParams = {
        firmId: filter.firmId ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        outcome: filter.outcome ?? null,
      };
      const rows = statements.list.all({ ...params, limit: filter.limit, offset: filter.offset });
      return { items: rows.map(toRecord), total: statements.count.get(params)!.n };
    },
    /** The message taken on this call (the latest one, draft or sent), with the caller's name as she typed it. */
    messageOf(callId: string): { id: string; callerName: string; callerCompany: string } | null {
      const row = messageOf?.get(callId);
      return row ? { id: row.id, callerName: row.caller_name, callerCompany: row.caller_company } : null;
    },
    /** Every call offered in a period, oldest first: the input of timesheets and KPIs. */
    between(from: number, to: number, firmId: string | null): CallRecord[] {
      return statements.between.all({ from, to, firmId }).map(toRecord);
    },
  };
}
export type CallsRepository = ReturnType<typeof createCallsRepository>;
