import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import { agendaConfigSchema, type AgendaConfig } from '../../domain/agenda/config';
import { bookingCallerSchema, forceSchema, type Appointment, type BusyBlock } from '../../domain/agenda/appointment';
import type { Availability } from '../../domain/agenda/availability';
import type { Slot } from '../../domain/agenda/slots';

export interface AgendaConfigView {
  firmId: string;
  /** Changes on every save; a save from an older revision is refused instead of overwriting. */
  revision: number;
  timeZone: string;
  config: AgendaConfig;
}

export interface AgendaRange {
  appointments: Appointment[];
  /** The practitioners' own events in the range (transparent ones included, flagged). */
  busy: BusyBlock[];
}

export interface AgendaAvailability {
  agendaId: string;
  agendaName: string;
  personId: string | null;
  timeZone: string;
  availability: Availability;
  /** When this agenda's calendar was last synced (CalDAV); null when it has no sync (local data only). */
  syncedAt: number | null;
}

const instant = z.number().int().min(0).max(8_640_000_000_000);

export const agendaMethods = {
  'agenda:config': method<AgendaConfigView>()(z.object({ firmId: idSchema }).strict()),
  /** Replaces the firm's agendas, motifs, templates, exceptions and settings as one document. */
  'agenda:saveConfig': method<AgendaConfigView>()(
    z
      .object({
        firmId: idSchema,
        expectedRevision: z.number().int().nonnegative().optional(),
        config: agendaConfigSchema,
      })
      .strict(),
  ),
  /** The next free slots of a motif, earliest first, in one agenda or all those offering it. */
  'agenda:findSlots': method<Slot[]>()(
    z
      .object({
        firmId: idSchema,
        motifId: idSchema,
        agendaIds: z.array(idSchema).max(50).default([]),
        /** No slot before this instant; now when absent. */
        from: instant.optional(),
        part: z.enum(['any', 'morning', 'afternoon']).default('any'),
        limit: z.number().int().min(1).max(50).default(10),
        horizonDays: z.number().int().min(1).max(366).default(56),
      })
      .strict(),
  ),
  /** Saved locally at once; an overlap, a time outside the ranges or a full day is refused unless forced. */
  'agenda:book': method<Appointment>()(
    z
      .object({
        firmId: idSchema,
        agendaId: idSchema,
        motifId: idSchema,
        startsAt: instant,
        caller: bookingCallerSchema,
        newCaller: z.boolean().default(false),
        note: z.string().max(2000).default(''),
        callId: idSchema.nullable().default(null),
        force: forceSchema,
      })
      .strict(),
  ),
  'agenda:move': method<Appointment>()(
    z.object({ id: idSchema, agendaId: idSchema.optional(), startsAt: instant, force: forceSchema }).strict(),
  ),
  'agenda:cancel': method<Appointment>()(z.object({ id: idSchema, note: z.string().max(2000).optional() }).strict()),
  /** After the time: she marks it done or a no-show (the practitioner's word). */
  'agenda:setStatus': method<Appointment>()(z.object({ id: idSchema, status: z.enum(['done', 'no_show']) }).strict()),
  /** Appointments and busy blocks starting in [from, from + days) of one agenda, or of the whole firm. */
  'agenda:list': method<AgendaRange>()(
    z
      .object({
        firmId: idSchema,
        agendaId: idSchema.nullable().default(null),
        from: instant,
        days: z.number().int().min(1).max(42).default(1),
      })
      .strict(),
  ),
  /** A caller's appointments from 30 days ago on, by number (E.164 or as typed) or by name. */
  'agenda:findForCaller': method<Appointment[]>()(
    z
      .object({
        firmId: idSchema.nullable().default(null),
        query: z.string().trim().min(2).max(120),
      })
      .strict(),
  ),
  /** One practitioner's printable day sheet (PDF, base64) for a local date of the firm. */
  'agenda:daySheet': method<{ fileName: string; base64: string; count: number }>()(
    z
      .object({
        firmId: idSchema,
        agendaId: idSchema,
        date: z
          .string()
          .max(10)
          .regex(/^\d{4}-\d{2}-\d{2}$/),
      })
      .strict(),
  ),
  /** Whether each agenda's person is free now, from local data only (the ring card). */
  'agenda:availability': method<AgendaAvailability[]>()(
    z.object({ firmId: idSchema, agendaId: idSchema.nullable().default(null) }).strict(),
  ),
};
