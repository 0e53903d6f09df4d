import { z } from 'zod';
import { holidayRegionSchema } from '../billing/billing-settings';
import { colorSchema } from '../firm/firm';
import { isoDateSchema, minutesOf, timeOfDaySchema, weekdaySchema } from '../firm/hours';
import { idSchema } from '../ids';
import { stripBidiControls } from '../text';
import { v } from '../validation-messages';
import { checkAgendaConfig } from './config-rules';

/** Who an agenda belongs to: the practitioner of a medical practice, the lawyer of a law firm, an estate agent. */
export const AGENDA_KINDS = ['practitioner', 'lawyer', 'agent'] as const;
export const SLOT_STEPS_MINUTES = [5, 10, 15, 20, 30, 60] as const;

export const LIMITS_AGENDA = {
  agendas: 50,
  motifs: 200,
  rangesPerAgenda: 84,
  exceptions: 2000,
  motifMinutes: 480,
  bufferMinutes: 240,
} as const;

const name = z
  .string()
  .overwrite(stripBidiControls)
  .trim()
  .min(1, { message: v('nameRequired') })
  .max(120);
const idList = (max: number) => z.array(idSchema).max(max).default([]);

/** One range of a weekly template: a weekday, a local start and end, and the motifs booked in it (none listed: all). */
export const templateRangeSchema = z
  .object({
    weekday: weekdaySchema,
    start: timeOfDaySchema,
    end: timeOfDaySchema,
    motifIds: idList(LIMITS_AGENDA.motifs),
  })
  .refine((r) => minutesOf(r.start) < minutesOf(r.end), { message: v('endBeforeStart'), path: ['end'] });
export type TemplateRange = z.output<typeof templateRangeSchema>;

export const agendaSchema = z.object({
  id: idSchema,
  name,
  kind: z.enum(AGENDA_KINDS).default('practitioner'),
  /** The person of the firm's « Personnes » tab this agenda is for (ring card, messages); null when none. */
  personId: idSchema.nullable().default(null),
  color: colorSchema.default('#336699'),
  active: z.boolean().default(true),
  template: z.array(templateRangeSchema).max(LIMITS_AGENDA.rangesPerAgenda).default([]),
});
export type Agenda = z.output<typeof agendaSchema>;

export const motifSchema = z.object({
  id: idSchema,
  name,
  durationMinutes: z.number().int().min(5).max(LIMITS_AGENDA.motifMinutes),
  color: colorSchema.default('#336699'),
  bufferBeforeMinutes: z.number().int().min(0).max(LIMITS_AGENDA.bufferMinutes).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(LIMITS_AGENDA.bufferMinutes).default(0),
  /** The agendas that offer it. */
  agendaIds: idList(LIMITS_AGENDA.agendas),
  newCallersAllowed: z.boolean().default(true),
  /** Read to the caller when booking (« venir à jeun », « apporter la carte Vitale »). */
  instructions: z.string().max(2000).default(''),
  /** At most this many per agenda and local day; null: no limit. */
  maxPerDay: z.number().int().min(1).max(200).nullable().default(null),
});
export type Motif = z.output<typeof motifSchema>;

/**
 * An absence (one agenda, whole days or a time range), a closure (the whole firm) or an extra opening (one
 * agenda, a time range, optionally limited to some motifs). Dates are the firm's local days, inclusive.
 */
export const agendaExceptionSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['absence', 'closure', 'opening']),
    agendaId: idSchema.nullable().default(null),
    from: isoDateSchema,
    to: isoDateSchema,
    start: timeOfDaySchema.nullable().default(null),
    end: timeOfDaySchema.nullable().default(null),
    motifIds: idList(LIMITS_AGENDA.motifs),
    label: z.string().max(200).default(''),
  })
  .superRefine((e, ctx) => {
    if (e.from > e.to) ctx.addIssue({ code: 'custom', message: v('endBeforeStart'), path: ['to'] });
    if ((e.start === null) !== (e.end === null) || (e.kind === 'opening' && e.start === null)) {
      ctx.addIssue({ code: 'custom', message: v('timeRangeRequired'), path: [e.start === null ? 'start' : 'end'] });
    } else if (e.start !== null && e.end !== null && minutesOf(e.start) >= minutesOf(e.end)) {
      ctx.addIssue({ code: 'custom', message: v('endBeforeStart'), path: ['end'] });
    }
    if (e.kind === 'closure' && e.agendaId !== null) {
      ctx.addIssue({ code: 'custom', message: v('closureIsFirmWide'), path: ['agendaId'] });
    }
    if (e.kind !== 'closure' && e.agendaId === null) {
      ctx.addIssue({ code: 'custom', message: v('agendaRequired'), path: ['agendaId'] });
    }
  });
export type AgendaException = z.output<typeof agendaExceptionSchema>;

export const agendaSettingsSchema = z.object({
  /** date-holidays region: metropolitan France, or Alsace-Moselle (Vendredi saint, 26 décembre). */
  holidayRegion: holidayRegionSchema.default('FR'),
  closedOnPublicHolidays: z.boolean().default(true),
  /** Slots start every N minutes from a range's start. */
  slotStepMinutes: z.literal(SLOT_STEPS_MINUTES).default(15),
  /** The caller's reminder e-mail the day before, at this local hour (0–23). */
  reminderEnabled: z.boolean().default(true),
  reminderHour: z.number().int().min(0).max(23).default(18),
  /** The practitioner's list by e-mail at this local hour: the next day's from noon on, else the same day's. */
  practitionerDigestEnabled: z.boolean().default(false),
  practitionerDigestHour: z.number().int().min(0).max(23).default(19),
});
export type AgendaSettings = z.output<typeof agendaSettingsSchema>;

/** A firm's whole agenda set-up: what the « Agenda » tab saves and what a workspace file carries. */
export const agendaConfigSchema = z
  .object({
    settings: agendaSettingsSchema.prefault({}),
    agendas: z.array(agendaSchema).max(LIMITS_AGENDA.agendas).default([]),
    motifs: z.array(motifSchema).max(LIMITS_AGENDA.motifs).default([]),
    exceptions: z.array(agendaExceptionSchema).max(LIMITS_AGENDA.exceptions).default([]),
  })
  .superRefine(checkAgendaConfig);
export type AgendaConfig = z.output<typeof agendaConfigSchema>;
export type AgendaConfigInput = z.input<typeof agendaConfigSchema>;

export function emptyAgendaConfig(): AgendaConfig {
  return agendaConfigSchema.parse({});
}
