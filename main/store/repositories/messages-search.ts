import type { MessageFilter } from '../../../shared/domain/message';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../open';
import { toFtsQuery } from './fts';

/** A message's FTS rowid (migration 0007): date order, so the newest matches come straight from the index. */
const MESSAGE_SEARCH_KEY = 'm.search_key';

/**
 * The FTS row of message `m`, from its columns: what writeContent and the bench seed index. Migration 0007 and its
 * trigger messages_fts_status (a status change rewrites the row) hold a copy: change them together.
 */
const FTS_ROW = `${MESSAGE_SEARCH_KEY},
  search_text(m.caller_name || ' ' || m.caller_company || ' ' || m.caller_email || ' ' || m.caller_phone ||
    CASE WHEN substr(m.caller_phone, 1, 3) = '+33' THEN ' 0' || substr(m.caller_phone, 4) ELSE '' END),
  search_text(m.motif || ' ' || m.call_back),
  search_text(m.body),
  search_text(ifnull((SELECT group_concat(j.value, ' ') FROM json_each(m.fields) j), '')),
  'f' || lower(hex(m.firm_id)),
  's' || replace(m.status, '-', '')`;
const FTS_INSERT = 'INSERT INTO messages_fts (rowid, caller, motif, body, fields, firm, status)';

/** The search's filters other than the firm and the status (matched inside FTS), each a condition on a bound parameter. */
const CONDITIONS = {
  urgency: 'm.urgency = @urgency',
  from: 'm.created_at >= @from',
  to: 'm.created_at < @to',
  callerPhone: 'm.caller_phone = @callerPhone',
  callId: 'm.call_id = @callId',
  personId: 'm.id IN (SELECT message_id FROM message_recipients WHERE person_id = @personId)',
} as const;

/** Optional filters combined in fixed SQL; every value is a bound parameter. */
export const MESSAGE_FILTER = `(@firmId IS NULL OR m.firm_id = @firmId) AND (@status IS NULL OR m.status = @status)
  AND (@urgency IS NULL OR m.urgency = @urgency) AND (@from IS NULL OR m.created_at >= @from)
  AND (@to IS NULL OR m.created_at < @to) AND (@callerPhone IS NULL OR m.caller_phone = @callerPhone)
  AND (@callId IS NULL OR m.call_id = @callId)
  AND (@personId IS NULL OR m.id IN (SELECT message_id FROM message_recipients WHERE person_id = @personId))`;

const RECIPIENTS = `(SELECT json_group_array(person_id) FROM (SELECT person_id FROM message_recipients r
  WHERE r.message_id = m.id ORDER BY position)) AS recipients`;

export type MessageFilterParams = Record<
  'firmId' | 'status' | 'urgency' | 'personId' | 'callerPhone' | 'callId' | 'from' | 'to',
  string | number | null
>;

/** Indexes every message from `afterSeq` on in one statement (the bench seed's bulk load). */
export function indexMessagesAfter(db: Db, afterSeq: number): void {
  db.prepare(`${FTS_INSERT} SELECT ${FTS_ROW} FROM messages m WHERE m.seq > ?`).run(afterSeq);
}

/** The firm's token in the FTS column `firm`: one word, whatever characters the id holds. */
function firmToken(firmId: string): string {
  return `f${Buffer.from(firmId, 'utf8').toString('hex')}`;
}

/**
 * Full-text search over messages, newest first. The words (and the firm, when one is chosen) are matched inside
 * FTS5, which yields rowids in date order: without other filters the page is the first `limit` rowids and the total
 * an FTS count; with other filters the matches are walked in date order and joined to their rows.
 */
export function createMessageSearch(db: Db) {
  // One pair of statements per set of filters in use, so the join checks only those columns.
  const filteredStatements = new Map<string, { page: Statement; total: Statement }>();
  function filteredFor(active: ReadonlyArray<keyof typeof CONDITIONS>) {
    const key = active.join(',');
    let found = filteredStatements.get(key);
    if (!found) {
      const where = ['messages_fts MATCH @fts', ...active.map((name) => CONDITIONS[name])].join(' AND ');
      found = {
        // The total comes with the page (a window over the matches) so the FTS index is read once, not twice.
        // CROSS JOIN keeps the FTS index outside: the words choose the rows, the filters only check them.
        page: db.prepare(
          `WITH page AS (SELECT m.seq, f.rowid AS k, count(*) OVER () AS total_rows FROM messages_fts f
             CROSS JOIN messages m ON ${MESSAGE_SEARCH_KEY} = f.rowid
             WHERE ${where} ORDER BY f.rowid DESC LIMIT @limit OFFSET @offset)
           SELECT m.*, page.total_rows, ${RECIPIENTS} FROM page JOIN messages m ON m.seq = page.seq
           ORDER BY page.k DESC`,
        ),
        total: db.prepare(
          `SELECT count(*) AS n FROM messages_fts f CROSS JOIN messages m ON ${MESSAGE_SEARCH_KEY} = f.rowid
           WHERE ${where}`,
        ),
      };
      filteredStatements.set(key, found);
    }
    return found;
  }

  const s = {
    unindex: db.prepare<[string]>(
      `DELETE FROM messages_fts WHERE rowid = (SELECT ${MESSAGE_SEARCH_KEY} FROM messages m WHERE m.id = ?)`,
    ),
    index: db.prepare<[string]>(`${FTS_INSERT} SELECT ${FTS_ROW} FROM messages m WHERE m.id = ?`),
    page: db.prepare(
      `SELECT m.*, ${RECIPIENTS} FROM (SELECT rowid AS k FROM messages_fts WHERE messages_fts MATCH @fts
         ORDER BY rowid DESC LIMIT @limit OFFSET @offset) p
       JOIN messages m ON ${MESSAGE_SEARCH_KEY} = p.k ORDER BY p.k DESC`,
    ),
    total: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?'),
    // Within a firm or a status the matches are few: the total comes with the page, from one pass over the index.
    pageWithTotal: db.prepare(
      `WITH p AS (SELECT rowid AS k, count(*) OVER () AS total_rows FROM messages_fts WHERE messages_fts MATCH @fts
         ORDER BY rowid DESC LIMIT @limit OFFSET @offset)
       SELECT m.*, p.total_rows, ${RECIPIENTS} FROM p JOIN messages m ON ${MESSAGE_SEARCH_KEY} = p.k ORDER BY p.k DESC`,
    ),
  };

  return {
    /** Rewrites the message's FTS row from its columns; the caller owns the transaction. */
    reindex(id: string): void {
      s.unindex.run(id);
      s.index.run(id);
    },
    /** Before the row itself is deleted (the key is read from it). */
    unindex: (id: string) => s.unindex.run(id),
    /** Null when the query holds no word: the caller lists without search. */
    search<Row>(filter: MessageFilter, params: MessageFilterParams): { rows: Row[]; total: number } | null {
      const words = toFtsQuery(filter.query);
      if (!words) return null;
      const fts = [
        filter.firmId ? `firm : ${firmToken(filter.firmId)}` : null,
        filter.status ? `status : s${filter.status.replace(/-/g, '')}` : null,
        `{caller motif body fields} : (${words})`,
      ]
        .filter((part) => part !== null)
        .join(' AND ');
      const paging = { limit: filter.limit, offset: filter.offset };
      // The firm and the status are matched inside FTS (their tokens); every other filter in use is checked on the
      // joined row.
      const active = (Object.keys(CONDITIONS) as Array<keyof typeof CONDITIONS>).filter(
        (name) => params[name] !== null,
      );
      if (active.length === 0 && (filter.firmId || filter.status)) {
        const rows = s.pageWithTotal.all({ fts, ...paging }) as Array<Row & { total_rows: number }>;
        return { rows, total: rows[0]?.total_rows ?? (filter.offset > 0 ? s.total.get(fts)!.n : 0) };
      }
      if (active.length === 0) {
        const rows = s.page.all({ fts, ...paging }) as Row[];
        return { rows, total: s.total.get(fts)!.n };
      }
      const bound = Object.fromEntries([['fts', fts], ...active.map((name) => [name, params[name]])]);
      const statements = filteredFor(active);
      const rows = statements.page.all({ ...bound, ...paging }) as Array<Row & { total_rows: number }>;
      const total = rows[0]?.total_rows ?? (filter.offset > 0 ? (statements.total.get(bound) as { n: number }).n : 0);
      return { rows, total };
    },
  };
}
