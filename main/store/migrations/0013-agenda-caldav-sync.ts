/**
 * Two-way CalDAV sync of the agendas (issue 11). Per agenda: the account (server URL, user, the calendar chosen
 * from discovery, the sync token, the last outcome); the password is in the secret store (`caldav:<agenda id>`),
 * never here. Per appointment written to a calendar: its href and etag as the server gave them (never derived from
 * the UID), the last state the server holds, and a conflict or a deletion on the server waiting for her. Per
 * practitioner's object: its href, etag and UID (the busy blocks of 0010 are keyed by UID), and for a series its
 * minimised iCalendar (times and rules only), expanded again as the window moves.
 *
 * The replay queue is filled by triggers in the same transaction as the appointment's change, whoever makes it
 * (booking, the day view, workspace import): « en attente de synchronisation » always means « will be sent ». A
 * change the sync itself makes (applying the practitioner's move) is written with updated_by = 'caldav' and
 * queues nothing. Rows are replayed in seq order, per agenda, with backoff; one appointment's pending rows are
 * sent as one write of its current state.
 */
export default /* sql */ `
CREATE TABLE agenda_caldav_accounts (
  id TEXT PRIMARY KEY REFERENCES agendas (id) ON DELETE CASCADE,
  server_url TEXT NOT NULL CHECK (server_url LIKE 'http://%' OR server_url LIKE 'https://%'),
  username TEXT NOT NULL CHECK (username <> ''),
  calendar_url TEXT,
  calendar_name TEXT NOT NULL DEFAULT '',
  sync_token TEXT,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'never' CHECK (status IN ('never', 'ok', 'error', 'server_empty', 'paused')),
  error_code TEXT,
  error_detail TEXT NOT NULL DEFAULT '',
  last_attempt_at INTEGER,
  last_sync_at INTEGER,
  window_from INTEGER,
  window_to INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE agenda_caldav_objects (
  id TEXT PRIMARY KEY,
  agenda_id TEXT NOT NULL REFERENCES agendas (id) ON DELETE CASCADE,
  href TEXT NOT NULL,
  etag TEXT NOT NULL,
  uid TEXT NOT NULL,
  series TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (agenda_id, href)
) STRICT;
CREATE INDEX agenda_caldav_objects_uid ON agenda_caldav_objects (agenda_id, uid);

CREATE TABLE agenda_caldav_links (
  id TEXT PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
  agenda_id TEXT NOT NULL,
  href TEXT,
  etag TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'conflict', 'cancelled_remote')),
  sending_revision TEXT,
  sent_revision TEXT,
  sequence INTEGER NOT NULL DEFAULT 0,
  remote_start INTEGER,
  remote_end INTEGER,
  conflict_etag TEXT,
  conflict_start INTEGER,
  conflict_end INTEGER,
  conflict_cancelled INTEGER CHECK (conflict_cancelled IN (0, 1)),
  conflict_slot_free INTEGER CHECK (conflict_slot_free IN (0, 1)),
  detail TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX agenda_caldav_links_href ON agenda_caldav_links (agenda_id, href);
CREATE INDEX agenda_caldav_links_state ON agenda_caldav_links (state) WHERE state <> 'synced';

CREATE TABLE agenda_caldav_queue (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  agenda_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  done_at INTEGER
) STRICT;
CREATE INDEX agenda_caldav_queue_open ON agenda_caldav_queue (agenda_id, seq) WHERE state <> 'done';
CREATE INDEX agenda_caldav_queue_appointment ON agenda_caldav_queue (appointment_id) WHERE state <> 'done';

CREATE TRIGGER appointments_caldav_insert AFTER INSERT ON appointments
WHEN NEW.updated_by <> 'caldav' AND EXISTS (
  SELECT 1 FROM agenda_caldav_accounts a WHERE a.id = NEW.agenda_id AND a.enabled = 1 AND a.calendar_url IS NOT NULL)
BEGIN
  INSERT INTO agenda_caldav_queue (id, seq, appointment_id, agenda_id, next_attempt_at, created_at)
  VALUES (lower(hex(randomblob(16))), (SELECT coalesce(max(seq), 0) + 1 FROM agenda_caldav_queue), NEW.id,
    NEW.agenda_id, NEW.updated_at, NEW.updated_at);
END;

CREATE TRIGGER appointments_caldav_update
AFTER UPDATE OF agenda_id, motif_id, start_utc, end_utc, status, caller_name, note ON appointments
WHEN NEW.updated_by <> 'caldav' AND (
  EXISTS (SELECT 1 FROM agenda_caldav_links l WHERE l.id = NEW.id) OR EXISTS (
    SELECT 1 FROM agenda_caldav_accounts a WHERE a.id = NEW.agenda_id AND a.enabled = 1 AND a.calendar_url IS NOT NULL))
BEGIN
  INSERT INTO agenda_caldav_queue (id, seq, appointment_id, agenda_id, next_attempt_at, created_at)
  VALUES (lower(hex(randomblob(16))), (SELECT coalesce(max(seq), 0) + 1 FROM agenda_caldav_queue), NEW.id,
    coalesce((SELECT l.agenda_id FROM agenda_caldav_links l WHERE l.id = NEW.id), NEW.agenda_id),
    NEW.updated_at, NEW.updated_at);
END;
`;
