import { z } from 'zod';
import { timeZoneSchema } from '../firm/firm';
import { idSchema } from '../ids';
import { phoneInputSchema } from '../phone-schema';
import { stripBidiControls } from '../text';
import { v } from '../validation-messages';
import { LIMITS } from '../limits';

/**
 * booked → moved (still on, at another time) → done or no_show once past; cancelled at any point. Only
 * cancelled frees the slot: a no-show still held the practitioner's time.
 */
export const APPOINTMENT_STATUSES = ['booked', 'moved', 'cancelled', 'no_show', 'done'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'moved'];
export const OCCUPYING_STATUSES: readonly AppointmentStatus[] = ['booked', 'moved', 'no_show', 'done'];

export interface Appointment {
  id: string;
  /** iCalendar UID written to the firm's calendar by the sync: `<uuid>@permanence`, never changes. */
  uid: string;
  firmId: string;
  agendaId: string;
  motifId: string;
  startsAt: number;
  endsAt: number;
  /** The firm's IANA zone when booked: the wall-clock time the caller was told. */
  timeZone: string;
  contactId: string | null;
  callerName: string;
  /** E.164, or '' when the caller gave none. */
  callerPhone: string;
  newCaller: boolean;
  note: string;
  status: AppointmentStatus;
  callId: string | null;
  /** Why she booked over an overlap, outside the ranges or past the day's maximum; null when nothing was forced. */
  forcedReason: string | null;
  timeEntryId: string | null;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

/** A practitioner's own event, already expanded to one UTC occurrence (the sync worker writes them). */
export interface BusyBlock {
  id: string;
  agendaId: string;
  startsAt: number;
  endsAt: number;
  transparent: boolean;
  sourceUid: string;
  recurrenceId: string | null;
}

export function appointmentUid(id: string): string {
  return `${id}@permanence`;
}

const instant = z.number().int().min(0).max(8_640_000_000_000);
const uidSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}@permanence$/);
const personName = z.string().overwrite(stripBidiControls).trim().max(120);

/** An appointment in a workspace file: what was booked, in full, so an export re-imports to the same rows. */
export const workspaceAppointmentSchema = z
  .object({
    id: idSchema,
    uid: uidSchema.optional(),
    agendaId: idSchema,
    motifId: idSchema,
    startsAt: instant,
    endsAt: instant,
    timeZone: timeZoneSchema,
    contactId: idSchema.nullable().default(null),
    callerName: personName.default(''),
    callerPhone: z.union([z.literal(''), phoneInputSchema]).default(''),
    newCaller: z.boolean().default(false),
    note: z.string().max(2000).default(''),
    status: z.enum(APPOINTMENT_STATUSES).default('booked'),
    callId: idSchema.nullable().default(null),
    forcedReason: z.string().max(300).nullable().default(null),
    createdBy: z.string().max(120).default('import'),
    createdAt: instant.optional(),
  })
  .refine((a) => a.endsAt > a.startsAt, { message: v('endBeforeStart'), path: ['endsAt'] });
export type WorkspaceAppointment = z.output<typeof workspaceAppointmentSchema>;

/**
 * The caller of a booking: an existing contact of the firm, a number that finds one, or a name (and number) to
 * create one with.
 */
export const bookingCallerSchema = z
  .object({
    contactId: idSchema.nullable().default(null),
    name: personName.default(''),
    phone: z.union([z.literal(''), phoneInputSchema]).default(''),
    /** For the confirmation e-mail; kept on the contact (a new one, or one that had none). */
    email: z.union([z.literal(''), z.email({ message: v('invalidEmail') }).max(LIMITS.email)]).default(''),
  })
  .refine((c) => c.contactId !== null || c.name !== '' || c.phone !== '', {
    message: v('nameRequired'),
    path: ['name'],
  });

/** She booked anyway (an overlap, outside the ranges, past the maximum): why, kept and audited. */
export const forceSchema = z
  .object({ reason: z.string().trim().min(1).max(300) })
  .nullable()
  .default(null);
