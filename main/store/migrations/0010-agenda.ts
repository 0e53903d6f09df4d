/**
 * The agenda model (issue 11). Per firm: its agendas (one per practitioner, lawyer or agent, each with its weekly
 * template as JSON ranges), the motifs callers book, exceptions (absences, closures, extra openings) and the
 * firm's agenda settings (holiday region, slot step). Config rows are replaced as one document by the firm
 * editor's « Agenda » tab and by workspace import; the document is validated by shared/domain/agenda before.
 *
 * Appointments are the secretary's record: instants in UTC epoch ms plus the firm's zone at booking time, a
 * stable `uid` (`<uuid>@permanence`, the iCalendar UID the CalDAV sync writes), the caller as a contact link
 * (kept as a name and number too, so an erased contact leaves a readable line), the call it was taken on and
 * who touched it last. A forced overlap keeps its reason here and in the audit log.
 *
 * Busy blocks are the practitioner's own events, already expanded to UTC occurrences by the sync worker
 * (migration 0013 adds its hrefs, etags and queue): the slot finder and the ring card read one local table and
 * never the network. A transparent event (TRANSP:TRANSPARENT) is stored but does not block.
 *
 * Every table has a single text id (agency sync later); each agenda-scoped table indexes (agenda_id, start) so a
 * week of one agenda is one range scan.
 */
export default /* sql */ `
CREATE TABLE agenda_settings (
  id TEXT PRIMARY KEY REFERENCES firms (id) ON DELETE CASCADE,
  data TEXT NOT NULL CHECK (json_valid(data)),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE agendas (
  id TEXT PRIMARY KEY,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (name <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('practitioner', 'lawyer', 'agent')),
  person_id TEXT,
  color TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  template TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(template)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX agendas_firm ON agendas (firm_id, position);

CREATE TABLE agenda_motifs (
  id TEXT PRIMARY KEY,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (name <> ''),
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
  color TEXT NOT NULL,
  buffer_before_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
  buffer_after_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
  agenda_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agenda_ids)),
  new_callers_allowed INTEGER NOT NULL DEFAULT 1 CHECK (new_callers_allowed IN (0, 1)),
  instructions TEXT NOT NULL DEFAULT '',
  max_per_day INTEGER CHECK (max_per_day IS NULL OR max_per_day > 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX agenda_motifs_firm ON agenda_motifs (firm_id, position);

CREATE TABLE agenda_exceptions (
  id TEXT PRIMARY KEY,
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  agenda_id TEXT REFERENCES agendas (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('absence', 'closure', 'opening')),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL CHECK (to_date >= from_date),
  start_time TEXT,
  end_time TEXT,
  motif_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(motif_ids)),
  label TEXT NOT NULL DEFAULT '',
  CHECK ((start_time IS NULL) = (end_time IS NULL)),
  CHECK ((kind = 'closure') = (agenda_id IS NULL))
) STRICT;
CREATE INDEX agenda_exceptions_firm ON agenda_exceptions (firm_id, from_date);

CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE CHECK (uid LIKE '%@permanence'),
  firm_id TEXT NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
  agenda_id TEXT NOT NULL REFERENCES agendas (id),
  motif_id TEXT NOT NULL REFERENCES agenda_motifs (id),
  start_utc INTEGER NOT NULL,
  end_utc INTEGER NOT NULL,
  time_zone TEXT NOT NULL,
  contact_id TEXT REFERENCES contacts (id) ON DELETE SET NULL,
  caller_name TEXT NOT NULL DEFAULT '',
  caller_phone TEXT NOT NULL DEFAULT '',
  new_caller INTEGER NOT NULL DEFAULT 0 CHECK (new_caller IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('booked', 'moved', 'cancelled', 'no_show', 'done')),
  call_id TEXT,
  forced_reason TEXT,
  time_entry_id TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (end_utc > start_utc)
) STRICT;
CREATE INDEX appointments_agenda_start ON appointments (agenda_id, start_utc);
CREATE INDEX appointments_firm_start ON appointments (firm_id, start_utc);
CREATE INDEX appointments_contact ON appointments (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX appointments_phone ON appointments (caller_phone) WHERE caller_phone <> '';

CREATE TABLE agenda_busy_blocks (
  id TEXT PRIMARY KEY,
  agenda_id TEXT NOT NULL REFERENCES agendas (id) ON DELETE CASCADE,
  start_utc INTEGER NOT NULL,
  end_utc INTEGER NOT NULL,
  transparent INTEGER NOT NULL DEFAULT 0 CHECK (transparent IN (0, 1)),
  source_uid TEXT NOT NULL,
  recurrence_id TEXT,
  updated_at INTEGER NOT NULL,
  CHECK (end_utc > start_utc)
) STRICT;
CREATE INDEX agenda_busy_blocks_agenda_start ON agenda_busy_blocks (agenda_id, start_utc);
CREATE INDEX agenda_busy_blocks_source ON agenda_busy_blocks (agenda_id, source_uid);
`;
