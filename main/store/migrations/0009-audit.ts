/**
 * The audit log (issue 12): what was done to the firms' data, never the data itself (ids, counts and kinds
 * only). Append-only: triggers refuse any UPDATE or DELETE, and each row carries hash = HMAC-SHA256(key,
 * previous row's hash + its own content) with a key kept outside the store (the secret store), so a row changed
 * or removed through a raw connection breaks the chain at that row (main/services/privacy/audit.ts verifies it).
 */
export default /* sql */ `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq > 0),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind <> ''),
  firm_id TEXT,
  subject TEXT,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul : aucune ligne ne peut être modifiée.');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul : aucune ligne ne peut être supprimée.');
END;
`;
