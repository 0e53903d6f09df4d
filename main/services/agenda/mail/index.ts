import { DateTime } from 'luxon';
import type { AgendaConfig } from '../../../../shared/domain/agenda/config';
import type { FirmDetail } from '../../../../shared/domain/firm/aggregate';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import { createAppointmentMailRepository, type MailAppointmentRow } from '../../../store/repositories/appointment-mail';
import type { OutboxJob, OutboxRepository } from '../../../store/repositories/outbox';
import type { ServiceContext } from '../../context';
import { mailDomain } from '../../messages-queue';
import type { OutgoingMail } from '../../smtp-settings';
import { appointmentIcs } from './ics';
import {
  appointmentDescription,
  appointmentMailText,
  dayDigestText,
  type AppointmentMailFacts,
  type AppointmentMailPurpose,
} from './texts';

/**
 * The appointment e-mails, through the messages' outbox and its worker (exactly once, like a message): the
 * caller's confirmation with an .ics, the reminder the day before at the firm's hour, the notices when it is
 * moved or cancelled, and the practitioner's daily digest.
 *
 * - A job is written by `queue` INSIDE the transaction that books, moves or cancels the appointment, so
 *   "booked" always means "the confirmation will leave". Its Message-ID is `<rdv-PURPOSE-REVISION-ID@domain>`:
 *   unique in the outbox, so the same mail can never be queued twice, even by a retry of the whole operation.
 * - A change makes the jobs not yet sent obsolete (a confirmation still waiting when the appointment is moved
 *   is cancelled, and the « déplacé » notice carries the new time): what leaves always matches the appointment,
 *   and the .ics built at send time from the stored appointment says the same as the text.
 * - REVISION is the iCalendar SEQUENCE: 0 at booking, one more per move or cancellation, so the caller's
 *   calendar updates the event it took from the confirmation (same UID, the appointment's own).
 * - Reminders and digests are found by `runDue`, which the worker calls before each pump (at least every 30 s);
 *   their own Message-ID (per appointment revision, or per agenda and day) makes them once-only too.
 *
 * Outbox kind: the outbox's CHECK allows only message, correction, digest and invoice. The caller's mails are
 * jobs of kind 'message' with no message attached (the worker records deliveries only on attached messages);
 * the practitioner's digest is a 'digest' job grouping nothing. A dedicated 'appointment' kind needs a rebuild of
 * the outbox table in a migration this module may not add.
 */

export interface AppointmentMailSettings {
  reminderEnabled: boolean;
  /** Local hour (0–23) the reminders leave, the day before. */
  reminderHour: number;
  practitionerDigestEnabled: boolean;
  /** Local hour the practitioner's list leaves: from noon on, the next day's; before noon, the same day's. */
  practitionerDigestHour: number;
}

export const DEFAULT_APPOINTMENT_MAIL_SETTINGS: AppointmentMailSettings = {
  reminderEnabled: true,
  reminderHour: 18,
  practitionerDigestEnabled: false,
  practitionerDigestHour: 19,
};

export type AppointmentChange = 'booked' | 'moved' | 'cancelled';

/** `created_by` of the appointments the demo workspace makes (main/services/agenda/demo.ts). */
const DEMO_AUTHOR = 'démo';

const HEADER = /^<rdv-(confirmation|reminder|moved|cancelled)-(\d+)-(.+)@[^@>]+>$/;

export function parseAppointmentHeader(
  header: string,
): { purpose: AppointmentMailPurpose; revision: number; appointmentId: string } | null {
  const match = HEADER.exec(header);
  if (!match) return null;
  return { purpose: match[1] as AppointmentMailPurpose, revision: Number(match[2]), appointmentId: match[3]! };
}

export function createAppointmentMail(
  ctx: ServiceContext,
  deps: {
    outbox: OutboxRepository;
    kick: () => void;
    fromAddress: () => string | null;
    firm: (firmId: string) => FirmDetail;
    config: (firmId: string) => AgendaConfig;
    settings: (firmId: string) => AppointmentMailSettings;
  },
) {
  const repo = createAppointmentMailRepository(ctx.db);

  function factsOf(appointment: MailAppointmentRow, previousStartUtc: number | null = null): AppointmentMailFacts {
    const firm = deps.firm(appointment.firmId);
    const config = deps.config(appointment.firmId);
    const agenda = config.agendas.find((a) => a.id === appointment.agendaId);
    const motif = config.motifs.find((m) => m.id === appointment.motifId);
    const number = firm.profile.numbers[0]?.e164;
    return {
      firmName: firm.profile.name,
      firmPhone: number ? formatPhoneForDisplay(number) : '',
      address: firm.billing.billingAddress
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .join(', '),
      agendaName: agenda?.name ?? '',
      motifName: motif?.name ?? '',
      instructions: motif?.instructions ?? '',
      callerName: appointment.callerName,
      startUtc: appointment.startUtc,
      endUtc: appointment.endUtc,
      timeZone: appointment.timeZone,
      previousStartUtc,
    };
  }

  function callerEmail(appointment: MailAppointmentRow): { name: string; email: string } | null {
    if (!appointment.contactId) return null;
    const contact = ctx.repos.contacts.get(appointment.firmId, appointment.contactId);
    return contact?.email ? { name: contact.name || appointment.callerName, email: contact.email } : null;
  }

  function insert(input: {
    appointment: MailAppointmentRow;
    purpose: AppointmentMailPurpose;
    revision: number;
    to: { name: string; email: string };
    facts: AppointmentMailFacts;
  }): boolean {
    const header = `<rdv-${input.purpose}-${input.revision}-${input.appointment.id}@${mailDomain(deps.fromAddress())}>`;
    if (repo.headerExists(header)) return false;
    const { subject, text } = appointmentMailText(input.purpose, input.facts);
    deps.outbox.insert({
      id: ctx.newId(),
      kind: 'message',
      messageId: null,
      firmId: input.appointment.firmId,
      revision: input.revision,
      priority: 0,
      state: 'pending',
      nextAttemptAt: ctx.now(),
      messageIdHeader: header,
      inReplyTo: '',
      recipients: { to: [input.to], cc: [] },
      subject,
      textBody: text,
      htmlBody: '',
      createdAt: ctx.now(),
    });
    return true;
  }

  function nextRevision(appointmentId: string): number {
    const revisions = repo.jobsOf(appointmentId).map((j) => j.revision);
    return revisions.length === 0 ? 1 : Math.max(...revisions) + 1;
  }

  function currentRevision(appointmentId: string): number {
    const revisions = repo.jobsOf(appointmentId).map((j) => j.revision);
    return revisions.length === 0 ? 0 : Math.max(...revisions);
  }

  /** The reminders due now: at the firm's hour the day before, for tomorrow's appointments booked before it. */
  function queueReminders(now: number): number {
    let queued = 0;
    const horizon = now + 2 * 86_400_000;
    for (const appointment of repo.startingBetween(now, horizon)) {
      const settings = deps.settings(appointment.firmId);
      // The demo workspace's appointments have made-up callers: they never e-mail anyone.
      if (!settings.reminderEnabled || appointment.createdBy === DEMO_AUTHOR) continue;
      const day = DateTime.fromMillis(appointment.startUtc, { zone: appointment.timeZone }).startOf('day');
      const due = day.minus({ days: 1 }).set({ hour: settings.reminderHour }).toMillis();
      // Booked after the reminder hour: the confirmation has just told them; no reminder on top.
      if (now < due || appointment.createdAt >= due) continue;
      const to = callerEmail(appointment);
      if (!to) continue;
      const revision = currentRevision(appointment.id);
      if (insert({ appointment, purpose: 'reminder', revision, to, facts: factsOf(appointment) })) queued += 1;
    }
    return queued;
  }

  function queueDigests(now: number): number {
    let queued = 0;
    const firmIds = new Set(repo.startingBetween(now - 86_400_000, now + 2 * 86_400_000).map((a) => a.firmId));
    for (const firmId of firmIds) {
      const settings = deps.settings(firmId);
      if (!settings.practitionerDigestEnabled) continue;
      const firm = deps.firm(firmId);
      const zone = firm.profile.timeZone;
      const local = DateTime.fromMillis(now, { zone });
      if (local.hour < settings.practitionerDigestHour) continue;
      const day = (settings.practitionerDigestHour >= 12 ? local.plus({ days: 1 }) : local).startOf('day');
      const date = day.toISODate()!;
      for (const agenda of deps.config(firmId).agendas.filter((a) => a.active && a.personId)) {
        const person = firm.people.find((p) => p.id === agenda.personId);
        if (!person?.email) continue;
        const header = `<agenda-digest-${agenda.id}-${date}@${mailDomain(deps.fromAddress())}>`;
        if (repo.headerExists(header)) continue;
        const config = deps.config(firmId);
        const appointments = repo.agendaDay(agenda.id, day.toMillis(), day.plus({ days: 1 }).toMillis());
        if (appointments.length === 0) continue;
        const mail = dayDigestText({
          firmName: firm.profile.name,
          agendaName: agenda.name,
          dayStartUtc: day.toMillis(),
          timeZone: zone,
          lines: appointments.map((a) => ({
            startUtc: a.startUtc,
            endUtc: a.endUtc,
            motifName: config.motifs.find((m) => m.id === a.motifId)?.name ?? '',
            callerName: a.callerName,
            callerPhone: a.callerPhone ? formatPhoneForDisplay(a.callerPhone) : '',
            note: a.note,
            newCaller: a.newCaller,
          })),
        });
        deps.outbox.insert({
          id: ctx.newId(),
          kind: 'digest',
          messageId: null,
          firmId,
          revision: 0,
          priority: 0,
          state: 'pending',
          nextAttemptAt: now,
          messageIdHeader: header,
          inReplyTo: '',
          recipients: { to: [{ name: person.name, email: person.email }], cc: [] },
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: '',
          createdAt: now,
        });
        queued += 1;
      }
    }
    return queued;
  }

  return {
    repository: repo,
    /**
     * Queues the caller's e-mail for a change of the appointment. Call it inside the transaction that wrote the
     * change, then `kick()` after it commits. Returns whether a mail was queued (no address: none).
     */
    queue(appointmentId: string, change: AppointmentChange, previousStartUtc: number | null = null): boolean {
      const appointment = repo.appointment(appointmentId);
      if (!appointment) return false;
      if (change !== 'booked') repo.cancelOpen(appointmentId);
      const to = callerEmail(appointment);
      if (!to) return false;
      const purpose: AppointmentMailPurpose =
        change === 'booked' ? 'confirmation' : change === 'moved' ? 'moved' : 'cancelled';
      const revision = change === 'booked' ? 0 : nextRevision(appointmentId);
      return insert({ appointment, purpose, revision, to, facts: factsOf(appointment, previousStartUtc) });
    },
    kick: () => deps.kick(),
    /** Reminders and digests whose time has come; the outbox worker calls it before each pump. */
    runDue(): number {
      const now = ctx.now();
      const queued = ctx.db.transaction(() => queueReminders(now) + queueDigests(now))();
      return queued;
    },
    /** The .ics of an appointment job, built when it is sent from the appointment as stored. */
    attachmentsFor(job: OutboxJob): OutgoingMail['attachments'] {
      const parsed = parseAppointmentHeader(job.messageIdHeader);
      if (!parsed) return undefined;
      const appointment = repo.appointment(parsed.appointmentId);
      if (!appointment) return undefined;
      const facts = factsOf(appointment);
      const firm = deps.firm(appointment.firmId);
      const from = deps.fromAddress();
      const ics = appointmentIcs({
        uid: appointment.uid,
        sequence: parsed.revision,
        cancelled: parsed.purpose === 'cancelled',
        startUtc: appointment.startUtc,
        endUtc: appointment.endUtc,
        timeZone: appointment.timeZone,
        summary: `${facts.motifName} — ${facts.agendaName} (${firm.profile.name})`,
        location: facts.address,
        description: appointmentDescription(facts),
        organizer: from ? { name: firm.profile.name, email: from } : null,
        attendee: job.recipients.to[0] ?? null,
        stampUtc: job.createdAt,
      });
      const method = parsed.purpose === 'cancelled' ? 'CANCEL' : 'REQUEST';
      return [
        {
          filename: parsed.purpose === 'cancelled' ? 'annulation.ics' : 'rendez-vous.ics',
          content: Buffer.from(ics, 'utf8'),
          contentType: `text/calendar; charset=utf-8; method=${method}`,
        },
      ];
    },
  };
}
export type AppointmentMail = ReturnType<typeof createAppointmentMail>;
