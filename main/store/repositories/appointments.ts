import type { Appointment, BusyBlock } from '../../../shared/domain/agenda/appointment';
import type { Occupation } from '../../../shared/domain/agenda/slots';
import type { Db } from '../open';

/**
 * Range queries go through (agenda_id, start_utc): an occupation overlapping [from, to) started before `to` and
 * at most its longest possible length before `from`. Appointments last at most a day with their buffers; busy
 * blocks longer than LONGEST_BLOCK_MS are stored cut into pieces by the sync (see splitLongBlock), so a lookup
 * around the ring's instant reads a day of rows, not a month.
 */
const DAY = 86_400_000;
export const LONGEST_BLOCK_MS = DAY;

/** Cuts a long event (a week of holidays) into pieces of at most a day that the range queries find. */
export function splitLongBlock(from: number, to: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  for (let s = from; s < to; s += LONGEST_BLOCK_MS) pieces.push([s, Math.min(to, s + LONGEST_BLOCK_MS)]);
  return pieces;
}

interface Row {
  id: string;
  uid: string;
  firm_id: string;
  agenda_id: string;
  motif_id: string;
  start_utc: number;
  end_utc: number;
  time_zone: string;
  contact_id: string | null;
  caller_name: string;
  caller_phone: string;
  new_caller: number;
  note: string;
  status: Appointment['status'];
  call_id: string | null;
  forced_reason: string | null;
  time_entry_id: string | null;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

function toAppointment(r: Row): Appointment {
  return {
    id: r.id,
    uid: r.uid,
    firmId: r.firm_id,
    agendaId: r.agenda_id,
    motifId: r.motif_id,
    startsAt: r.start_utc,
    endsAt: r.end_utc,
    timeZone: r.time_zone,
    contactId: r.contact_id,
    callerName: r.caller_name,
    callerPhone: r.caller_phone,
    newCaller: r.new_caller === 1,
    note: r.note,
    status: r.status,
    callId: r.call_id,
    forcedReason: r.forced_reason,
    timeEntryId: r.time_entry_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function toParams(a: Appointment) {
  return { ...a, newCaller: a.newCaller ? 1 : 0 };
}

export function createAppointmentsRepository(db: Db) {
  const columns = `id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, contact_id, caller_name,
    caller_phone, new_caller, note, status, call_id, forced_reason, time_entry_id, created_by, created_at, updated_by,
    updated_at`;
  const values = `@id, @uid, @firmId, @agendaId, @motifId, @startsAt, @endsAt, @timeZone, @contactId, @callerName,
    @callerPhone, @newCaller, @note, @status, @callId, @forcedReason, @timeEntryId, @createdBy, @createdAt, @updatedBy,
    @updatedAt`;
  const s = {
    insert: db.prepare(`INSERT INTO appointments (${columns}) VALUES (${values})`),
    upsert: db.prepare(
      `INSERT INTO appointments (${columns}) VALUES (${values})
       ON CONFLICT (id) DO UPDATE SET agenda_id = excluded.agenda_id, motif_id = excluded.motif_id,
         start_utc = excluded.start_utc, end_utc = excluded.end_utc, time_zone = excluded.time_zone,
         contact_id = excluded.contact_id, caller_name = excluded.caller_name, caller_phone = excluded.caller_phone,
         new_caller = excluded.new_caller, note = excluded.note, status = excluded.status, call_id = excluded.call_id,
         forced_reason = excluded.forced_reason, updated_by = excluded.updated_by, updated_at = excluded.updated_at
       WHERE appointments.firm_id = excluded.firm_id`,
    ),
    update: db.prepare(
      `UPDATE appointments SET agenda_id = @agendaId, motif_id = @motifId, start_utc = @startsAt, end_utc = @endsAt,
         time_zone = @timeZone, contact_id = @contactId, caller_name = @callerName, caller_phone = @callerPhone,
         new_caller = @newCaller, note = @note, status = @status, call_id = @callId, forced_reason = @forcedReason,
         time_entry_id = @timeEntryId, updated_by = @updatedBy, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    get: db.prepare<[string], Row>('SELECT * FROM appointments WHERE id = ?'),
    firmOf: db.prepare<[string], { firm_id: string }>('SELECT firm_id FROM appointments WHERE id = ?'),
    appointmentSpans: db.prepare<
      [number, number, string, number, number, number, string],
      { from: number; to: number; motif_id: string; start_utc: number }
    >(
      `SELECT a.start_utc - m.buffer_before_minutes * ? AS "from", a.end_utc + m.buffer_after_minutes * ? AS "to",
         a.motif_id, a.start_utc
       FROM appointments a JOIN agenda_motifs m ON m.id = a.motif_id
       WHERE a.agenda_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.status <> 'cancelled'
         AND a.end_utc + m.buffer_after_minutes * ${60_000} > ? AND a.id <> ?`,
    ),
    busySpans: db.prepare<[string, number, number, number], { start_utc: number; end_utc: number }>(
      `SELECT start_utc, end_utc FROM agenda_busy_blocks
       WHERE agenda_id = ? AND start_utc >= ? AND start_utc < ? AND end_utc > ? AND transparent = 0`,
    ),
    busyRange: db.prepare<[string, number, number, number], Record<string, unknown>>(
      `SELECT * FROM agenda_busy_blocks WHERE agenda_id = ? AND start_utc >= ? AND start_utc < ? AND end_utc > ?
       ORDER BY start_utc`,
    ),
    firmRange: db.prepare<[string, number, number], Row>(
      'SELECT * FROM appointments WHERE firm_id = ? AND start_utc >= ? AND start_utc < ? ORDER BY start_utc, id',
    ),
    agendaRange: db.prepare<[string, number, number], Row>(
      'SELECT * FROM appointments WHERE agenda_id = ? AND start_utc >= ? AND start_utc < ? ORDER BY start_utc, id',
    ),
    byPhone: db.prepare<[string, number], Row>(
      `SELECT * FROM appointments WHERE caller_phone = ? AND start_utc >= ? ORDER BY start_utc LIMIT 50`,
    ),
    byContact: db.prepare<[string, number], Row>(
      `SELECT * FROM appointments WHERE contact_id = ? AND start_utc >= ? ORDER BY start_utc LIMIT 50`,
    ),
    byName: db.prepare<[string, number], Row>(
      `SELECT * FROM appointments WHERE caller_name LIKE ? ESCAPE '\\' AND start_utc >= ?
       ORDER BY start_utc LIMIT 50`,
    ),
    countUsing: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM appointments WHERE agenda_id = ? OR motif_id = ?',
    ),
    setEntry: db.prepare<[string, string]>('UPDATE appointments SET time_entry_id = ? WHERE id = ?'),
  };

  return {
    insert: (a: Appointment) => void s.insert.run(toParams(a)),
    /** Workspace import: the same id writes the same row again; another firm's id is left alone. */
    upsert: (a: Appointment) => s.upsert.run(toParams(a)).changes > 0,
    update: (a: Appointment) => void s.update.run(toParams(a)),
    get: (id: string) => {
      const row = s.get.get(id);
      return row ? toAppointment(row) : null;
    },
    firmOf: (id: string) => s.firmOf.get(id)?.firm_id ?? null,
    setTimeEntry: (id: string, entryId: string) => void s.setEntry.run(entryId, id),
    /** Appointments (buffers included) and opaque busy blocks of these agendas overlapping [from, to). */
    /** `exceptId`: the appointment being moved, which does not stand in its own way. */
    occupations(agendaIds: readonly string[], from: number, to: number, exceptId = ''): Occupation[] {
      const out: Occupation[] = [];
      for (const agendaId of agendaIds) {
        for (const r of s.appointmentSpans.all(60_000, 60_000, agendaId, from - DAY, to, from, exceptId)) {
          if (r.from < to) out.push({ agendaId, from: r.from, to: r.to, motifId: r.motif_id, startsAt: r.start_utc });
        }
        for (const r of s.busySpans.all(agendaId, from - LONGEST_BLOCK_MS, to, from)) {
          out.push({ agendaId, from: r.start_utc, to: r.end_utc, motifId: null, startsAt: r.start_utc });
        }
      }
      return out;
    },
    /** Appointments starting in [from, to) of one agenda, or of the whole firm. */
    range(firmId: string, agendaId: string | null, from: number, to: number): Appointment[] {
      return (agendaId ? s.agendaRange.all(agendaId, from, to) : s.firmRange.all(firmId, from, to)).map(toAppointment);
    },
    busyBlocks(agendaId: string, from: number, to: number): BusyBlock[] {
      return s.busyRange.all(agendaId, from - LONGEST_BLOCK_MS, to, from).map((r) => ({
        id: r.id as string,
        agendaId: r.agenda_id as string,
        startsAt: r.start_utc as number,
        endsAt: r.end_utc as number,
        transparent: r.transparent === 1,
        sourceUid: r.source_uid as string,
        recurrenceId: (r.recurrence_id as string | null) ?? null,
      }));
    },
    byPhone: (e164: string, since: number) => s.byPhone.all(e164, since).map(toAppointment),
    byContact: (contactId: string, since: number) => s.byContact.all(contactId, since).map(toAppointment),
    byName: (fragment: string, since: number) =>
      s.byName.all(`%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, since).map(toAppointment),
    countUsing: (agendaId: string, motifId: string) => s.countUsing.get(agendaId, motifId)!.n,
  };
}
export type AppointmentsRepository = ReturnType<typeof createAppointmentsRepository>;
