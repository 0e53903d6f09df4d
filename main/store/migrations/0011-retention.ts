/**
 * Retention per firm (issue 12): how long each kind of data is kept, the firm deciding (a missing row means the
 * defaults of shared/domain/retention.ts: messages 3 months after delivery, call log 12 months, time entries
 * 10 years, audit 12 months). Durations in whole months.
 *
 * The audit log stays append-only, with one controlled exception: its oldest rows may be deleted by the daily
 * purge, and only while the purge's one-row guard `audit_purge_allowed` says up to which seq. The purge writes
 * the guard, deletes, removes the guard and appends a checkpoint entry in one transaction, so outside it a
 * DELETE is refused exactly as before, and the checkpoint (HMAC-chained) vouches for the rows that are gone.
 */
export default /* sql */ `
CREATE TABLE firm_retention (
  id TEXT PRIMARY KEY REFERENCES firms (id) ON DELETE CASCADE,
  messages_months INTEGER NOT NULL CHECK (messages_months BETWEEN 1 AND 120),
  calls_months INTEGER NOT NULL CHECK (calls_months BETWEEN 1 AND 120),
  time_entries_months INTEGER NOT NULL CHECK (time_entries_months BETWEEN 12 AND 240),
  audit_months INTEGER NOT NULL CHECK (audit_months BETWEEN 6 AND 120),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_purge_allowed (
  id TEXT PRIMARY KEY CHECK (id = 'purge'),
  through_seq INTEGER NOT NULL CHECK (through_seq > 0)
) STRICT;

DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.seq > ifnull((SELECT through_seq FROM audit_purge_allowed WHERE id = 'purge'), 0)
BEGIN
  SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul : aucune ligne ne peut être supprimée.');
END;
`;
