/**
 * Migrations are TypeScript modules holding their SQL so that the same code runs unbundled (tests, CLI,
 * harness) and bundled inside an asar archive (Electron) without looking files up at run time.
 * A shipped migration is never edited: fix forward with a new one.
 */
export default /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE firms (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL DEFAULT 1,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  color TEXT NOT NULL,
  greeting TEXT NOT NULL,
  pronunciation TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT 'Europe/Paris',
  weekly_hours TEXT NOT NULL,
  closed_on_public_holidays INTEGER NOT NULL DEFAULT 1,
  notes TEXT NOT NULL DEFAULT '',
  script TEXT NOT NULL DEFAULT '{"steps":[]}',
  message_fields TEXT NOT NULL DEFAULT '[]',
  billing TEXT NOT NULL DEFAULT '{}',
  archived_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX firms_name ON firms (name COLLATE NOCASE) WHERE archived_at IS NULL;

-- A forwarded number identifies exactly one firm, or the ring card could greet with the wrong name.
CREATE TABLE firm_numbers (
  e164 TEXT PRIMARY KEY,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL
) STRICT;
CREATE INDEX firm_numbers_firm ON firm_numbers (firm_id);

CREATE TABLE firm_closures (
  id TEXT NOT NULL,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (firm_id, id)
) STRICT;

CREATE TABLE people (
  id TEXT NOT NULL,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  transfer_target TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  receives_messages TEXT NOT NULL DEFAULT 'addressed-only',
  is_default_recipient INTEGER NOT NULL DEFAULT 0,
  availability TEXT NOT NULL DEFAULT '',
  absences TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (firm_id, id)
) STRICT;

-- Consignes are versioned: a secretary must be able to show which instruction was in force on a given day.
CREATE TABLE consigne_versions (
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  rules TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (firm_id, version)
) STRICT;

-- seq is the FTS rowid: an INTEGER PRIMARY KEY survives VACUUM, an implicit rowid does not.
CREATE TABLE contacts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  company TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  vip INTEGER NOT NULL DEFAULT 0,
  do_not_transfer INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_firm_name ON contacts (firm_id, name COLLATE NOCASE);

CREATE TABLE contact_phones (
  contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  firm_id TEXT NOT NULL,
  e164 TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (contact_id, e164)
) STRICT;
-- The ring card looks a caller up by (firm, number) while the phone rings.
CREATE INDEX contact_phones_lookup ON contact_phones (firm_id, e164);

-- remove_diacritics 2 folds "é" to "e" so "Lefevre" finds "Lefèvre".
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
  name, company, email, notes, phones,
  content='',
  contentless_delete=1,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;
