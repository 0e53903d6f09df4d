/**
 * Search that finds what she types, fast over ten years of messages.
 *
 * - Every FTS row is written through search_text() (registered by openStore): a word holding an apostrophe is
 *   indexed a second time without it, so « prudhommes » finds « prud’hommes ». Existing rows are rebuilt.
 * - A message's FTS rowid is its search key, created_at * 2^20 + (seq mod 2^20): FTS5 walks its rowids in date
 *   order, so the newest page of matches is read straight from the index (ORDER BY rowid DESC LIMIT n) instead of
 *   looking every match up to sort it. The key is a generated column with its own index (SQLite does not use an
 *   index on the bare expression to join), so a key is joined back to its message in one index search.
 * - The firm and the status are indexed FTS columns (« f » + hex of the id, « s » + the status: one token each), so
 *   a search within one firm or one status intersects their posting lists with the words inside the index instead
 *   of checking every match's row. A trigger rewrites the FTS row when the status changes.
 * - detail=column: messages are searched word by word (every typed word is one quoted prefix term, never a phrase)
 *   and listed by date, so word positions are not kept; the smaller posting lists make prefix queries and counts
 *   faster.
 * - prefix='2 3 4 5 6': what she types is a prefix; with an index per prefix length up to 6, « rappel » reads one
 *   posting list instead of merging those of every word that starts with it (rappel, rappeler, rappelle…). The
 *   index is larger (about 3.5× on the ten-year seed); longer prefixes fall back to merging, over fewer words.
 */
export default /* sql */ `
ALTER TABLE messages ADD COLUMN search_key INTEGER GENERATED ALWAYS AS (created_at * 1048576 + (seq & 1048575)) VIRTUAL;
CREATE INDEX messages_search_key ON messages (search_key);

DROP TABLE messages_fts;
CREATE VIRTUAL TABLE messages_fts USING fts5 (
  caller, motif, body, fields, firm, status,
  content='',
  contentless_delete=1,
  detail=column,
  prefix='2 3 4 5 6',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (rowid, caller, motif, body, fields, firm, status)
SELECT m.search_key,
  search_text(m.caller_name || ' ' || m.caller_company || ' ' || m.caller_email || ' ' || m.caller_phone ||
    CASE WHEN substr(m.caller_phone, 1, 3) = '+33' THEN ' 0' || substr(m.caller_phone, 4) ELSE '' END),
  search_text(m.motif || ' ' || m.call_back),
  search_text(m.body),
  search_text(ifnull((SELECT group_concat(j.value, ' ') FROM json_each(m.fields) j), '')),
  'f' || lower(hex(m.firm_id)),
  's' || replace(m.status, '-', '')
FROM messages m;

-- A status change rewrites the message's FTS row, whoever makes it.
CREATE TRIGGER messages_fts_status AFTER UPDATE OF status ON messages WHEN old.status IS NOT new.status
BEGIN
  DELETE FROM messages_fts WHERE rowid = new.search_key;
  INSERT INTO messages_fts (rowid, caller, motif, body, fields, firm, status)
  SELECT m.search_key,
    search_text(m.caller_name || ' ' || m.caller_company || ' ' || m.caller_email || ' ' || m.caller_phone ||
      CASE WHEN substr(m.caller_phone, 1, 3) = '+33' THEN ' 0' || substr(m.caller_phone, 4) ELSE '' END),
    search_text(m.motif || ' ' || m.call_back),
    search_text(m.body),
    search_text(ifnull((SELECT group_concat(j.value, ' ') FROM json_each(m.fields) j), '')),
    'f' || lower(hex(m.firm_id)),
    's' || replace(m.status, '-', '')
  FROM messages m WHERE m.seq = new.seq;
END;

DROP TABLE contacts_fts;
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
  name, company, email, notes, phones,
  content='',
  contentless_delete=1,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO contacts_fts (rowid, name, company, email, notes, phones)
SELECT c.seq, search_text(c.name), search_text(c.company), c.email, search_text(c.notes),
  ifnull((SELECT group_concat(p.e164 || CASE WHEN substr(p.e164, 1, 3) = '+33' THEN ' 0' || substr(p.e164, 4) ELSE '' END, ' ')
    FROM (SELECT e164 FROM contact_phones WHERE contact_id = c.id ORDER BY position) p), '')
FROM contacts c;
`;
