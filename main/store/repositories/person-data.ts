import type { PersonDataKind } from '../../../shared/domain/privacy-rights';
import type { Db } from '../open';

/**
 * How rows are recognised as hers. SQL calls these through person_phone(), person_name(), person_mentions() and
 * person_row(): a rights request matches her identifiers in clear; a tombstone re-applied after a restore
 * matches the HMACs it kept (main/services/privacy/rights/).
 */
export interface PersonMatcher {
  /** A number field (E.164) that is one of hers. */
  phone(e164: string): boolean;
  /** A name field that names her. */
  name(name: string): boolean;
  /** Free text that mentions her (her name or one of her numbers written in it). */
  mentions(text: string): boolean;
  /** A row erased before (tombstones only). */
  row(kind: PersonDataKind, id: string): boolean;
}

const NOBODY: PersonMatcher = { phone: () => false, name: () => false, mentions: () => false, row: () => false };

/** The ids found so far, passed to the next kind's query (a contact's calls, a call's messages…). */
export type FoundIds = Record<PersonDataKind, string[]>;

export interface PersonRow {
  id: string;
  firm_id: string;
  at: number | null;
  [column: string]: unknown;
}

const IN = (param: string) => `(SELECT value FROM json_each(@${param}))`;
const MINE = `firm_id IN ${IN('firms')}`;

/**
 * The rows of each kind, in PERSON_DATA_KINDS order. Each query reads every column the export shows. Adding a
 * kind (a new table holding callers) = one entry here, its erasure below, and its place in PERSON_DATA_KINDS.
 */
const FIND: Record<PersonDataKind, string> = {
  contacts: `SELECT c.*, c.created_at AS at,
      ifnull((SELECT group_concat(e164, ' ') FROM contact_phones WHERE contact_id = c.id), '') AS phones
    FROM contacts c WHERE ${MINE} AND (person_row('contacts', c.id) OR person_name(c.name)
      OR EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND person_phone(p.e164)))
    ORDER BY c.created_at, c.id`,
  calls: `SELECT id, firm_id, offered_at AS at, direction, caller_number, caller_name, caller_raw, answered_at,
      ended_at, outcome, transfer_target
    FROM calls WHERE ${MINE} AND (person_row('calls', id) OR contact_id IN ${IN('contacts')}
      OR person_phone(ifnull(caller_number, '')) OR person_name(caller_name) OR person_mentions(caller_raw))
    ORDER BY offered_at, id`,
  messages: `SELECT id, firm_id, created_at AS at, status, urgency, caller_name, caller_company, caller_phone,
      caller_email, motif, call_back, body, fields, taken_by, submitted_at, delivered_at, handled_at, call_id
    FROM messages WHERE ${MINE} AND (person_row('messages', id) OR contact_id IN ${IN('contacts')}
      OR call_id IN ${IN('calls')} OR person_phone(caller_phone) OR person_name(caller_name)
      OR person_mentions(caller_name || ' ' || caller_company || ' ' || caller_email || ' ' || motif || ' ' ||
        call_back || ' ' || body || ' ' || fields))
    ORDER BY created_at, id`,
  appointments: `SELECT id, firm_id, start_utc AS at, end_utc, time_zone, caller_name, caller_phone, note, status
    FROM appointments WHERE ${MINE} AND (person_row('appointments', id) OR contact_id IN ${IN('contacts')}
      OR call_id IN ${IN('calls')} OR person_phone(caller_phone) OR person_name(caller_name)
      OR person_mentions(note))
    ORDER BY start_utc, id`,
  outbox: `SELECT id, firm_id, created_at AS at, kind, state, subject, text_body, sent_at
    FROM outbox WHERE ${MINE} AND (person_row('outbox', id) OR message_id IN ${IN('messages')}
      OR person_mentions(subject || ' ' || text_body))
    ORDER BY created_at, id`,
  timeEntries: `SELECT id, firm_id, started_at AS at, task_type, duration_seconds, label, note
    FROM time_entries WHERE ${MINE} AND (person_row('timeEntries', id) OR call_id IN ${IN('calls')}
      OR id IN (SELECT entry_id FROM message_time_entries WHERE message_id IN ${IN('messages')})
      OR id IN (SELECT time_entry_id FROM appointments WHERE id IN ${IN('appointments')})
      OR person_mentions(label || ' ' || note))
    ORDER BY started_at, id`,
};

/** Label of a time entry whose person was erased: the entry stays for accounting, without her. */
export const ERASED_LABEL = 'Personne effacée';

/**
 * The matcher the SQL functions ask, one per connection: registering a function again would re-route the
 * statements of every repository on that connection, so they are registered once and share this slot.
 */
const slots = new WeakMap<Db, { matcher: PersonMatcher }>();

function matcherSlot(db: Db): { matcher: PersonMatcher } {
  const existing = slots.get(db);
  if (existing) return existing;
  const slot = { matcher: NOBODY };
  const yes = (value: boolean) => (value ? 1 : 0);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  db.function('person_phone', (v: unknown) => yes(slot.matcher.phone(text(v))));
  db.function('person_name', (v: unknown) => yes(slot.matcher.name(text(v))));
  db.function('person_mentions', (v: unknown) => yes(slot.matcher.mentions(text(v))));
  db.function('person_row', (kind: unknown, id: unknown) =>
    yes(slot.matcher.row(text(kind) as PersonDataKind, text(id))),
  );
  slots.set(db, slot);
  return slot;
}

export function createPersonDataRepository(db: Db) {
  const slot = matcherSlot(db);
  const find = Object.fromEntries(
    Object.entries(FIND).map(([kind, sql]) => [kind, db.prepare<Record<string, string>, PersonRow>(sql)]),
  ) as Record<PersonDataKind, ReturnType<typeof db.prepare<Record<string, string>, PersonRow>>>;

  const ids = (list: string[]) => ({ ids: JSON.stringify(list) });
  const stmts = {
    messagesFts: db.prepare(
      `DELETE FROM messages_fts WHERE rowid IN (SELECT search_key FROM messages WHERE id IN ${IN('ids')})`,
    ),
    contactsFts: db.prepare(
      `DELETE FROM contacts_fts WHERE rowid IN (SELECT seq FROM contacts WHERE id IN ${IN('ids')})`,
    ),
    countMessagesFts: db
      .prepare(
        `SELECT count(*) FROM messages_fts WHERE rowid IN (SELECT search_key FROM messages WHERE id IN ${IN('ids')})`,
      )
      .pluck(),
    countContactsFts: db
      .prepare(`SELECT count(*) FROM contacts_fts WHERE rowid IN (SELECT seq FROM contacts WHERE id IN ${IN('ids')})`)
      .pluck(),
    messages: db.prepare(`DELETE FROM messages WHERE id IN ${IN('ids')}`), // recipients, deliveries, outbox: cascade
    outbox: db.prepare(`DELETE FROM outbox WHERE id IN ${IN('ids')}`),
    contacts: db.prepare(`DELETE FROM contacts WHERE id IN ${IN('ids')}`), // phones: cascade; appointments: SET NULL
    unlinkContacts: db.prepare(`UPDATE messages SET contact_id = NULL WHERE contact_id IN ${IN('ids')}`),
    calls: db.prepare(
      `UPDATE calls SET caller_number = NULL, caller_raw = '', caller_name = '', contact_id = NULL
       WHERE id IN ${IN('ids')}`,
    ),
    appointments: db.prepare(
      `UPDATE appointments SET caller_name = '', caller_phone = '', note = '', contact_id = NULL,
         updated_at = @now, updated_by = 'effacement' WHERE id IN ${IN('ids')}`,
    ),
    timeEntries: db.prepare(`UPDATE time_entries SET label = @label, note = '' WHERE id IN ${IN('ids')}`),
    entryAudit: db.prepare(
      `UPDATE entry_audit SET
         before = CASE WHEN json_valid(before) THEN json_set(before, '$.label', @label, '$.note', '') ELSE before END,
         after = CASE WHEN json_valid(after) THEN json_set(after, '$.label', @label, '$.note', '') ELSE after END
       WHERE entry_id IN ${IN('ids')}`,
    ),
    runningTimer: db.prepare(
      `UPDATE running_timer SET label = @label, note = '' WHERE ${MINE} AND person_mentions(label || ' ' || note)`,
    ),
  };

  return {
    /** Every row of each kind that is hers, in the given firms. */
    find(firmIds: string[], who: PersonMatcher): Record<PersonDataKind, PersonRow[]> {
      slot.matcher = who;
      try {
        const found = {} as Record<PersonDataKind, PersonRow[]>;
        const params: Record<string, string> = { firms: JSON.stringify(firmIds) };
        for (const kind of Object.keys(FIND) as PersonDataKind[]) {
          found[kind] = find[kind].all(params);
          params[kind] = JSON.stringify(found[kind].map((row) => row.id));
        }
        return found;
      } finally {
        slot.matcher = NOBODY;
      }
    },
    /** Rows of the search index that belong to these messages and contacts. */
    countSearchRows(found: FoundIds): number {
      return (
        (stmts.countMessagesFts.get(ids(found.messages)) as number) +
        (stmts.countContactsFts.get(ids(found.contacts)) as number)
      );
    },
    /**
     * Deletes or anonymises the rows (call inside a transaction). The search rows go first: their keys are read
     * from the rows they index. The running timer's label is cleared when it mentions her.
     */
    erase(found: FoundIds, firmIds: string[], who: PersonMatcher, now: number): void {
      slot.matcher = who;
      try {
        stmts.messagesFts.run(ids(found.messages));
        stmts.contactsFts.run(ids(found.contacts));
        stmts.messages.run(ids(found.messages));
        stmts.outbox.run(ids(found.outbox));
        stmts.calls.run(ids(found.calls));
        stmts.unlinkContacts.run(ids(found.contacts));
        stmts.contacts.run(ids(found.contacts));
        stmts.appointments.run({ ...ids(found.appointments), now });
        stmts.timeEntries.run({ ...ids(found.timeEntries), label: ERASED_LABEL });
        stmts.entryAudit.run({ ...ids(found.timeEntries), label: ERASED_LABEL });
        stmts.runningTimer.run({ firms: JSON.stringify(firmIds), label: ERASED_LABEL });
      } finally {
        slot.matcher = NOBODY;
      }
    },
    /**
     * Rewrites both search indexes as one segment each. Their tables are contentless with contentless_delete,
     * where FTS5's secure-delete does not apply: a deleted row's words stay in the old segments until a merge
     * rewrites them, so 'optimize' is what takes her words out of the file.
     */
    purgeSearchSegments(): void {
      db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('optimize')`);
      db.exec(`INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize')`);
    },
  };
}
export type PersonDataRepository = ReturnType<typeof createPersonDataRepository>;
