/**
 * Invoices and credit notes. An issued invoice is frozen: its number, its document (JSON of every figure, in
 * integer cents) and its Factur-X XML with the XML's sha256 are written in the one transaction that assigns the
 * number, and triggers refuse any UPDATE or DELETE afterwards (a mistake is corrected by a credit note). The
 * PDF is written once, after, from the frozen document (a crash in between only means it is rendered later).
 *
 * Numbering: one continuous series. The insert trigger refuses a sequence that is not the next one and an
 * issue date earlier than the last invoice's, so neither a bug nor a clock set back can make a gap, a duplicate
 * or a date that goes backwards while numbers go up. firm_id has no foreign key on purpose: invoices are kept
 * 10 years (accounting) even when a firm's other data is erased.
 *
 * The mail outbox learns a fourth kind of job, 'invoice' (the invoice PDF sent to the firm), with the invoice it
 * carries; SQLite cannot widen a CHECK, so the table is rebuilt with its rows, indexes and sequence kept. One
 * live job per invoice (a unique index), so an invoice is e-mailed once whatever she clicks.
 */
export default /* sql */ `
CREATE TABLE invoicing_settings (
  id TEXT PRIMARY KEY CHECK (id = 'seller'),
  data TEXT NOT NULL
) STRICT;

CREATE TABLE firm_invoicing (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE CHECK (seq > 0),
  number TEXT NOT NULL UNIQUE CHECK (length(number) <= 35 AND number NOT GLOB '*[^A-Za-z0-9+_/-]*'),
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
  firm_id TEXT NOT NULL,
  firm_name TEXT NOT NULL,
  month TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  lines_cents INTEGER NOT NULL,
  vat_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  credited_invoice_id TEXT REFERENCES invoices (id),
  document TEXT NOT NULL,
  xml TEXT NOT NULL,
  xml_sha256 TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  issued_by TEXT NOT NULL,
  CHECK ((kind = 'credit-note') = (credited_invoice_id IS NOT NULL))
) STRICT;
CREATE INDEX invoices_firm_month ON invoices (firm_id, month);
CREATE INDEX invoices_credited ON invoices (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;

CREATE TRIGGER invoices_next_number BEFORE INSERT ON invoices
WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM invoices)
  OR NEW.issue_date < COALESCE((SELECT issue_date FROM invoices ORDER BY seq DESC LIMIT 1), '')
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_SEQUENCE: not the next number, or dated before the last invoice');
END;
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE: an issued invoice cannot change; issue a credit note');
END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE: an issued invoice cannot be deleted; issue a credit note');
END;

CREATE TABLE invoice_files (
  id TEXT PRIMARY KEY REFERENCES invoices (id),
  pdf BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TRIGGER invoice_files_no_update BEFORE UPDATE ON invoice_files
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE: an invoice PDF is written once');
END;
CREATE TRIGGER invoice_files_no_delete BEFORE DELETE ON invoice_files
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_IMMUTABLE: an invoice PDF is written once');
END;

CREATE TABLE invoice_payments (
  id TEXT PRIMARY KEY REFERENCES invoices (id),
  paid_on TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;

CREATE TABLE outbox_rebuilt (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('message', 'correction', 'digest', 'invoice')),
  message_id TEXT REFERENCES messages (id) ON DELETE CASCADE,
  invoice_id TEXT,
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
  sent_at INTEGER,
  CHECK ((kind = 'invoice') = (invoice_id IS NOT NULL))
) STRICT;
INSERT INTO outbox_rebuilt (seq, id, kind, message_id, invoice_id, firm_id, revision, priority, state, attempts,
  next_attempt_at, last_error, message_id_header, in_reply_to, recipients, subject, text_body, html_body,
  digest_job_id, created_at, started_at, sent_at)
SELECT seq, id, kind, message_id, NULL, firm_id, revision, priority, state, attempts, next_attempt_at, last_error,
  message_id_header, in_reply_to, recipients, subject, text_body, html_body, digest_job_id, created_at, started_at,
  sent_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (state, priority DESC, next_attempt_at, seq);
CREATE INDEX outbox_message ON outbox (message_id);
CREATE INDEX outbox_held ON outbox (firm_id, state) WHERE state = 'held';
CREATE UNIQUE INDEX outbox_invoice_once ON outbox (invoice_id) WHERE invoice_id IS NOT NULL AND state <> 'cancelled';
`;
