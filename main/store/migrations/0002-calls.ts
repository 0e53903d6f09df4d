/** The call log: what the softphone reported, instant by instant. Timesheets and KPIs are computed from it. */
export default /* sql */ `
CREATE TABLE calls (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  firm_id TEXT REFERENCES firms (id),
  matched_by TEXT,
  matched_number TEXT,
  caller_number TEXT,
  caller_raw TEXT NOT NULL DEFAULT '',
  caller_name TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0,
  contact_id TEXT,
  diversion_reason TEXT,
  diversion_from TEXT,
  sip_call_id TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  offered_at INTEGER NOT NULL,
  answered_at INTEGER,
  transferred_at INTEGER,
  transfer_kind TEXT,
  transfer_target TEXT,
  ended_at INTEGER,
  outcome TEXT,
  failure_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX calls_offered ON calls (offered_at);
CREATE INDEX calls_firm_offered ON calls (firm_id, offered_at);
CREATE INDEX calls_caller ON calls (firm_id, caller_number, offered_at);

CREATE TABLE call_holds (
  call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  PRIMARY KEY (call_id, started_at)
) STRICT;
`;
