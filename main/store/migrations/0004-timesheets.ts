/**
 * Timesheets: time entries (raw seconds, derived from calls or logged by hand, by timer or by import), the one
 * running timer, the audit of every edit, month locks and their audit, and import batches.
 */
export default /* sql */ `
CREATE TABLE time_import_batches (
  id TEXT PRIMARY KEY,
  firm_id TEXT NOT NULL REFERENCES firms (id),
  file_name TEXT NOT NULL DEFAULT '',
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL DEFAULT '',
  entry_count INTEGER NOT NULL
) STRICT;

CREATE TABLE time_entries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  firm_id TEXT NOT NULL REFERENCES firms (id),
  source TEXT NOT NULL CHECK (source IN ('call', 'manual', 'timer', 'import')),
  call_id TEXT UNIQUE REFERENCES calls (id),
  task_type TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),
  after_call_seconds INTEGER NOT NULL DEFAULT 0,
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 0),
  billable INTEGER NOT NULL DEFAULT 1,
  urgent INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES time_import_batches (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX time_entries_firm_started ON time_entries (firm_id, started_at);
CREATE INDEX time_entries_started ON time_entries (started_at);

CREATE TABLE running_timer (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  firm_id TEXT NOT NULL REFERENCES firms (id),
  task_type TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  urgent INTEGER NOT NULL DEFAULT 0,
  billable INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE entry_audit (
  seq INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL,
  firm_id TEXT NOT NULL,
  action TEXT NOT NULL,
  at INTEGER NOT NULL,
  by TEXT NOT NULL,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX entry_audit_entry ON entry_audit (entry_id, seq);

CREATE TABLE month_locks (
  firm_id TEXT REFERENCES firms (id),
  month TEXT NOT NULL,
  locked_at INTEGER NOT NULL,
  locked_by TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX month_locks_scope ON month_locks (ifnull(firm_id, ''), month);

CREATE TABLE month_lock_audit (
  seq INTEGER PRIMARY KEY,
  firm_id TEXT,
  month TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
  at INTEGER NOT NULL,
  by TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
) STRICT;
`;
