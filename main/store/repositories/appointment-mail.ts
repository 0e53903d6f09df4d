import type { Db } from '../open';

/**
 * What the appointment e-mails read and mark in the store. Their outbox jobs are found by their Message-ID
 * header, `<rdv-PURPOSE-REVISION-APPOINTMENTID@domain>` (unique in the outbox, so a job is queued at most once
 * per appointment, purpose and revision), and the practitioner's digest by `<agenda-digest-AGENDAID-DATE@…>`.
 */

export interface MailAppointmentRow {
  id: string;
  uid: string;
  firmId: string;
  agendaId: string;
  motifId: string;
  startUtc: number;
  endUtc: number;
  timeZone: string;
  contactId: string | null;
  callerName: string;
  callerPhone: string;
  newCaller: boolean;
  note: string;
  status: 'booked' | 'moved' | 'cancelled' | 'no_show' | 'done';
  createdAt: number;
  /** Who booked it; 'démo' for the demo workspace's own appointments. */
  createdBy: string;
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
  status: MailAppointmentRow['status'];
  created_at: number;
  created_by: string;
}

const toAppointment = (r: Row): MailAppointmentRow => ({
  id: r.id,
  uid: r.uid,
  firmId: r.firm_id,
  agendaId: r.agenda_id,
  motifId: r.motif_id,
  startUtc: r.start_utc,
  endUtc: r.end_utc,
  timeZone: r.time_zone,
  contactId: r.contact_id,
  callerName: r.caller_name,
  callerPhone: r.caller_phone,
  newCaller: r.new_caller === 1,
  note: r.note,
  status: r.status,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const COLUMNS = `id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, contact_id, caller_name,
  caller_phone, new_caller, note, status, created_at, created_by`;

export function createAppointmentMailRepository(db: Db) {
  const s = {
    appointment: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM appointments WHERE id = ?`),
    startingBetween: db.prepare<[number, number], Row>(
      `SELECT ${COLUMNS} FROM appointments WHERE start_utc >= ? AND start_utc < ?
         AND status IN ('booked', 'moved') ORDER BY firm_id, start_utc`,
    ),
    agendaDay: db.prepare<[string, number, number], Row>(
      `SELECT ${COLUMNS} FROM appointments WHERE agenda_id = ? AND start_utc >= ? AND start_utc < ?
         AND status IN ('booked', 'moved', 'done', 'no_show') ORDER BY start_utc`,
    ),
    headerExists: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE message_id_header = ?'),
    jobsOf: db.prepare<[string], { id: string; header: string; state: string; revision: number }>(
      `SELECT id, message_id_header AS header, state, revision FROM outbox
         WHERE message_id_header LIKE '<rdv-%' AND instr(message_id_header, '-' || ? || '@') > 0 ORDER BY seq`,
    ),
    cancelOpen: db.prepare<[string]>(
      `UPDATE outbox SET state = 'cancelled' WHERE message_id_header LIKE '<rdv-%'
         AND instr(message_id_header, '-' || ? || '@') > 0 AND state IN ('pending', 'held', 'failed')`,
    ),
  };
  return {
    appointment(id: string): MailAppointmentRow | null {
      const row = s.appointment.get(id);
      return row ? toAppointment(row) : null;
    },
    /** Live appointments (booked or moved) starting in [from, to), every firm. */
    startingBetween: (from: number, to: number): MailAppointmentRow[] =>
      s.startingBetween.all(from, to).map(toAppointment),
    /** One agenda's appointments of a day (cancelled ones left out), in order. */
    agendaDay: (agendaId: string, from: number, to: number): MailAppointmentRow[] =>
      s.agendaDay.all(agendaId, from, to).map(toAppointment),
    headerExists: (header: string): boolean => s.headerExists.get(header)!.n > 0,
    /** Every e-mail job ever queued for an appointment, oldest first. */
    jobsOf: (appointmentId: string) => s.jobsOf.all(appointmentId),
    /** Jobs not sent yet become obsolete when the appointment changes: they will not leave. */
    cancelOpen: (appointmentId: string): number => s.cancelOpen.run(appointmentId).changes,
  };
}
export type AppointmentMailRepository = ReturnType<typeof createAppointmentMailRepository>;
