/**
 * Messages taken for the firms, the outbox that delivers them by e-mail, the delivery history, per-firm
 * delivery preferences and which consignes version she last saw for each firm.
 */
export default /* sql */ `
-- seq is the FTS rowid (an INTEGER PRIMARY KEY survives VACUUM).
CREATE TABLE messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  firm_id TEXT NOT NULL REFERENCES firms (id),
  call_id TEXT REFERENCES calls (id),
  contact_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('brouillon', 'a-transmettre', 'transmis', 'traite', 'echec')),
  urgency TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'tres-urgent')),
  caller_name TEXT NOT NULL DEFAULT '',
  caller_company TEXT NOT NULL DEFAULT '',
  caller_phone TEXT NOT NULL DEFAULT '',
  caller_email TEXT NOT NULL DEFAULT '',
  motif TEXT NOT NULL DEFAULT '',
  call_back TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '{}',
  script_state TEXT NOT NULL DEFAULT '{}',
  revision INTEGER NOT NULL DEFAULT 0,
  taken_by TEXT NOT NULL DEFAULT '',
  delivery_note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  submitted_at INTEGER,
  delivered_at INTEGER,
  handled_at INTEGER
) STRICT;
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX messages_firm_created ON messages (firm_id, created_at);
CREATE INDEX messages_status ON messages (status, created_at);
CREATE INDEX messages_call ON messages (call_id) WHERE call_id IS NOT NULL;

-- For whom: the firm's people she chose (person ids are unique within a firm).
CREATE TABLE message_recipients (
  message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  person_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (message_id, person_id)
) STRICT;
CREATE INDEX message_recipients_person ON message_recipients (person_id, message_id);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
  caller, motif, body, fields,
  content='',
  contentless_delete=1,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- One row per mail to send. Written in the same transaction as the message's status; the rendered mail is
-- kept as it was when queued, so a retry sends exactly what she validated, under the same Message-ID.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('message', 'correction', 'digest')),
  message_id TEXT REFERENCES messages (id) ON DELETE CASCADE,
  firm_id TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'held', 'grouped', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  message_id_header TEXT NOT NULL UNIQUE,
  in_reply_to TEXT NOT NULL DEFAULT '',
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL DEFAULT '',
  digest_job_id TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  sent_at INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (state, priority DESC, next_attempt_at, seq);
CREATE INDEX outbox_message ON outbox (message_id);
CREATE INDEX outbox_held ON outbox (firm_id, state) WHERE state = 'held';

-- Every attempt's outcome, kept: "transmis le … à …" and why it failed.
CREATE TABLE message_deliveries (
  seq INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  job_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'retrying')),
  accepted TEXT NOT NULL DEFAULT '[]',
  rejected TEXT NOT NULL DEFAULT '[]',
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX message_deliveries_message ON message_deliveries (message_id, at);

-- How a firm wants its messages: full HTML or plain text, and an optional daily digest of non-urgent ones.
CREATE TABLE firm_delivery (
  firm_id TEXT PRIMARY KEY REFERENCES firms (id) ON DELETE CASCADE,
  format TEXT NOT NULL DEFAULT 'html' CHECK (format IN ('html', 'text')),
  digest_enabled INTEGER NOT NULL DEFAULT 0,
  digest_time TEXT NOT NULL DEFAULT '18:00',
  last_digest_at INTEGER
) STRICT;

-- The consignes version she last had on screen for a firm: a newer one shows the "consignes changed" banner.
CREATE TABLE consigne_views (
  firm_id TEXT PRIMARY KEY REFERENCES firms (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  seen_at INTEGER NOT NULL
) STRICT;
`;
