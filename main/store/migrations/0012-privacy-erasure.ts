/**
 * Rights requests (issue 12): an erasure leaves a tombstone so that a restore can erase the person again from
 * the older copy. A tombstone holds no personal data: the firm that asked, when, counts per kind, and
 * HMAC-SHA256 (key in the secret store, a random salt per tombstone) of her identifiers and of the erased rows'
 * ids, never the identifiers themselves. firm_id has no foreign key on purpose: the tombstone outlives the firm's
 * data (end of contract) and must survive in the store a restore brings back.
 */
export default /* sql */ `
CREATE TABLE erasure_tombstones (
  id TEXT PRIMARY KEY,
  firm_id TEXT NOT NULL,
  requested_by_firm_id TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  counts TEXT NOT NULL CHECK (json_valid(counts)),
  salt TEXT NOT NULL CHECK (length(salt) = 32),
  subject_hashes TEXT NOT NULL CHECK (json_valid(subject_hashes)),
  row_hashes TEXT NOT NULL CHECK (json_valid(row_hashes))
) STRICT;
CREATE INDEX erasure_tombstones_recorded ON erasure_tombstones (recorded_at);
`;
