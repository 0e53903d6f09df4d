import { DateTime } from 'luxon';
import { PermanenceError } from '../../../shared/api';
import { appointmentUid, type Appointment } from '../../../shared/domain/agenda/appointment';
import { bookingProblems, type BookingProblem } from '../../../shared/domain/agenda/booking-check';
import type { AgendaConfig } from '../../../shared/domain/agenda/config';
import { contactInputSchema } from '../../../shared/domain/firm/contact';
import { v } from '../../../shared/domain/validation-messages';
import type { AppointmentsRepository } from '../../store/repositories/appointments';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import type { AuditRecorder } from '../privacy/audit';
import type { AgendaConfigService } from './config';
import { agendaError, type AgendaErrorKey } from './errors';

export interface BookInput {
  firmId: string;
  agendaId: string;
  motifId: string;
  startsAt: number;
  caller: { contactId: string | null; name: string; phone: string; email: string };
  newCaller: boolean;
  note: string;
  callId: string | null;
  force: { reason: string } | null;
}

export interface BookingDeps {
  firms: FirmsService;
  config: AgendaConfigService;
  appointments: AppointmentsRepository;
  who: () => string;
  audit?: AuditRecorder | undefined;
  /** « RDV pris » for firms billing appointments as tasks (timesheets); null when the firm does not. */
  recordTaken: (appointment: { firmId: string; callId: string | null; at: number; label: string }) => {
    id: string;
  } | null;
  /**
   * An appointment was booked, moved or cancelled: called INSIDE the transaction that wrote it, so what it
   * queues (the caller's e-mail) is committed with the change or not at all; `afterCommit` runs once it is.
   */
  onChange?: {
    inTransaction: (
      appointmentId: string,
      change: 'booked' | 'moved' | 'cancelled',
      previousStart: number | null,
    ) => void;
    afterCommit: () => void;
  };
}

const PROBLEM_KEYS: Record<BookingProblem, AgendaErrorKey> = {
  overlap: 'overlap',
  'outside-hours': 'outsideHours',
  'max-per-day': 'maxPerDay',
  'new-caller': 'newCaller',
};

/** Book, move, cancel and close appointments: each one transaction, saved locally at once. */
export function createBooking(ctx: ServiceContext, deps: BookingDeps) {
  const repo = deps.appointments;

  function requireAppointment(id: string): Appointment {
    const appointment = repo.get(id);
    if (!appointment) throw agendaError('NOT_FOUND', 'notFound');
    return appointment;
  }

  /** Refuses what cannot be booked; returns the problems she forced (audited with the save), or []. */
  function check(
    config: AgendaConfig,
    timeZone: string,
    request: { agendaId: string; motifId: string; startsAt: number; newCaller: boolean },
    force: { reason: string } | null,
    exceptId?: string,
  ): BookingProblem[] {
    const agenda = config.agendas.find((a) => a.id === request.agendaId);
    const motif = config.motifs.find((m) => m.id === request.motifId);
    if (!agenda) throw agendaError('NOT_FOUND', 'unknownAgenda');
    const names = { agenda: agenda.name, motif: motif?.name ?? request.motifId };
    const day = DateTime.fromMillis(request.startsAt, { zone: timeZone }).startOf('day');
    const from = Math.min(day.toMillis(), request.startsAt - 86_400_000 / 2);
    const to = Math.max(day.plus({ days: 1 }).toMillis(), request.startsAt + 86_400_000 / 2);
    const occupations = repo.occupations([agenda.id], from, to, exceptId);
    const problems = bookingProblems(config, timeZone, request, occupations);
    if (problems === null) throw agendaError('VALIDATION', 'motifNotOffered', names);
    if (problems.length > 0 && !force) {
      throw agendaError(
        'CONFLICT',
        PROBLEM_KEYS[problems[0]!],
        names,
        problems.map((p) => ({ path: 'startsAt', message: `agendaErrors.${PROBLEM_KEYS[p]}` })),
      );
    }
    return problems;
  }

  function auditForced(appointment: Appointment, problems: BookingProblem[], action: 'book' | 'move'): void {
    if (problems.length === 0) return;
    deps.audit?.record({
      kind: 'agenda.booking-forced',
      firmId: appointment.firmId,
      subject: appointment.id,
      detail: { action, problems: problems.join(','), agendaId: appointment.agendaId },
    });
  }

  /** The contact the appointment links to: the one given, the firm's contact with that number, or a new one. */
  function callerOf(firmId: string, caller: BookInput['caller'], now: number) {
    if (caller.contactId !== null) {
      const contact = ctx.repos.contacts.get(firmId, caller.contactId);
      if (!contact) throw agendaError('NOT_FOUND', 'unknownContact');
      if (caller.email && !contact.email)
        ctx.repos.contacts.upsert(firmId, contact.id, { ...contact, email: caller.email }, now);
      return {
        contactId: contact.id,
        name: caller.name || contact.name,
        phone: caller.phone || contact.phones[0] || '',
      };
    }
    const known = caller.phone ? ctx.repos.contacts.findByPhone(firmId, caller.phone)[0] : undefined;
    if (known) {
      if (caller.email && !known.email)
        ctx.repos.contacts.upsert(firmId, known.id, { ...known, email: caller.email }, now);
      return { contactId: known.id, name: caller.name || known.name, phone: caller.phone };
    }
    if (!caller.name) {
      throw new PermanenceError('VALIDATION', 'Données refusées : caller.name : le nom est obligatoire', [
        { path: 'caller.name', message: v('nameRequired') },
      ]);
    }
    const id = ctx.newId();
    const fields = contactInputSchema.parse({
      name: caller.name,
      phones: caller.phone ? [caller.phone] : [],
      email: caller.email,
    });
    ctx.repos.contacts.upsert(firmId, id, fields, now);
    return { contactId: id, name: caller.name, phone: caller.phone };
  }

  function changed(firmId: string, ids: string[]): void {
    ctx.emit('agenda:changed', { firmId, ids });
  }

  return {
    requireAppointment,
    book(input: BookInput): Appointment {
      const firm = deps.firms.get(input.firmId);
      const { config } = deps.config.view(input.firmId);
      const timeZone = firm.profile.timeZone;
      const motif = config.motifs.find((m) => m.id === input.motifId);
      if (!motif) {
        throw agendaError('VALIDATION', 'motifNotOffered', { motif: input.motifId, agenda: input.agendaId }, [
          { path: 'motifId', message: v('unknownMotif') },
        ]);
      }
      const appointment = ctx.db.transaction(() => {
        const problems = check(config, timeZone, input, input.force);
        const now = ctx.now();
        const caller = callerOf(input.firmId, input.caller, now);
        const id = ctx.newId();
        const who = deps.who();
        const created: Appointment = {
          id,
          uid: appointmentUid(id),
          firmId: input.firmId,
          agendaId: input.agendaId,
          motifId: input.motifId,
          startsAt: input.startsAt,
          endsAt: input.startsAt + motif.durationMinutes * 60_000,
          timeZone,
          contactId: caller.contactId,
          callerName: caller.name,
          callerPhone: caller.phone,
          newCaller: input.newCaller,
          note: input.note,
          status: 'booked',
          callId: input.callId,
          forcedReason: problems.length > 0 ? input.force!.reason : null,
          timeEntryId: null,
          createdBy: who,
          createdAt: now,
          updatedBy: who,
          updatedAt: now,
        };
        repo.insert(created);
        auditForced(created, problems, 'book');
        deps.onChange?.inTransaction(id, 'booked', null);
        const label = ['RDV pris', motif.name, caller.name].filter(Boolean).join(' — ');
        const entry = deps.recordTaken({ firmId: input.firmId, callId: input.callId, at: now, label });
        if (entry) {
          repo.setTimeEntry(id, entry.id);
          created.timeEntryId = entry.id;
        }
        return created;
      })();
      deps.onChange?.afterCommit();
      changed(appointment.firmId, [appointment.id]);
      return appointment;
    },

    move(input: { id: string; agendaId?: string | undefined; startsAt: number; force: { reason: string } | null }) {
      const before = requireAppointment(input.id);
      if (before.status === 'cancelled') throw agendaError('CONFLICT', 'notMovable');
      const firm = deps.firms.get(before.firmId);
      const { config } = deps.config.view(before.firmId);
      const motif = config.motifs.find((m) => m.id === before.motifId);
      const duration = motif ? motif.durationMinutes * 60_000 : before.endsAt - before.startsAt;
      const agendaId = input.agendaId ?? before.agendaId;
      const after = ctx.db.transaction(() => {
        const request = { agendaId, motifId: before.motifId, startsAt: input.startsAt, newCaller: false };
        const problems = check(config, firm.profile.timeZone, request, input.force, before.id);
        const moved: Appointment = {
          ...before,
          agendaId,
          startsAt: input.startsAt,
          endsAt: input.startsAt + duration,
          timeZone: firm.profile.timeZone,
          status: 'moved',
          forcedReason: problems.length > 0 ? input.force!.reason : before.forcedReason,
          updatedBy: deps.who(),
          updatedAt: ctx.now(),
        };
        repo.update(moved);
        auditForced(moved, problems, 'move');
        deps.onChange?.inTransaction(moved.id, 'moved', before.startsAt);
        return moved;
      })();
      deps.onChange?.afterCommit();
      changed(after.firmId, [after.id]);
      return after;
    },

    /** Cancelled or closed (done, no-show): the row stays, the slot is freed only by a cancellation. */
    setStatus(id: string, status: 'cancelled' | 'done' | 'no_show', note?: string): Appointment {
      const before = requireAppointment(id);
      const after: Appointment = {
        ...before,
        status,
        note: note ?? before.note,
        updatedBy: deps.who(),
        updatedAt: ctx.now(),
      };
      ctx.db.transaction(() => {
        repo.update(after);
        if (status === 'cancelled' && before.status !== 'cancelled')
          deps.onChange?.inTransaction(id, 'cancelled', null);
      })();
      if (status === 'cancelled') deps.onChange?.afterCommit();
      changed(after.firmId, [after.id]);
      return after;
    },
  };
}
