/**
 * Which time entry counts a taken message ("message pris"), so sending, correcting or re-sending a message never
 * bills it twice. A link table keeps time_entries unchanged.
 */
export default /* sql */ `
CREATE TABLE message_time_entries (
  message_id TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  entry_id TEXT NOT NULL REFERENCES time_entries (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX message_time_entries_entry ON message_time_entries (entry_id);
`;
