import { z } from 'zod';

/**
 * A firm's billing rules. One firm may combine the three modes (au forfait, à la tâche, au temps);
 * each entry is priced by exactly one of them, chosen in this order of precedence:
 *   1. forfait, when enabled and the task type counts toward the quota;
 *   2. à la tâche, when the firm has a unit price for the task type;
 *   3. au temps, when enabled and the task type is billed by time;
 *   4. otherwise the entry is listed as "unpriced" at 0 (visible, so she notices a missing price).
 * An explicit unit price wins over the hourly catch-all so that setting "page frappée: 3,50 €" is never
 * silently shadowed by time mode covering every task type.
 */

export const TASK_TYPES = [
  'call', // appel traité
  'message', // message pris
  'appointment', // RDV pris
  'outgoing-call', // appel sortant
  'mail', // courrier
  'typing-page', // page frappée
  'data-entry', // saisie
  'filing', // classement
  'reminder', // relances
  'admin', // démarches administratives
  'other', // autre
] as const;
export const taskTypeSchema = z.enum(TASK_TYPES);
export type TaskType = z.infer<typeof taskTypeSchema>;

/** Task types that are phone calls: the minimum per call and "short calls free" only concern these. */
export const PHONE_TASK_TYPES: readonly TaskType[] = ['call', 'outgoing-call'];

export const ROUNDING_UNITS_SECONDS = [1, 6, 30, 60, 300, 900] as const;
export type RoundingUnitSeconds = (typeof ROUNDING_UNITS_SECONDS)[number];

const cents = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative();
const taskTypeList = z.array(taskTypeSchema).max(TASK_TYPES.length);

/** 'HH:mm', 00:00 to 23:59, local wall-clock time in the firm's zone. */
const wallClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:mm');

export const timeModeSchema = z.object({
  enabled: z.boolean().default(true),
  hourlyRateCents: cents.default(3000),
  roundingUnitSeconds: z.literal(ROUNDING_UNITS_SECONDS).default(60),
  roundingDirection: z.enum(['up', 'nearest', 'down']).default('up'),
  /** 'entry': each entry rounded on its own; 'day-task': entries grouped by local day × task type. */
  roundingScope: z.enum(['entry', 'day-task']).default('entry'),
  minimumPerCallSeconds: seconds.default(0),
  /** Calls strictly shorter than this are free (wrong numbers, hang-ups). 0 disables it. */
  freeUnderSeconds: seconds.default(0),
  /** Pages are counted, not timed: typing is left to a unit price by default. */
  taskTypes: taskTypeList.default(TASK_TYPES.filter((t) => t !== 'typing-page')),
});

export const perTaskModeSchema = z.object({
  /** Unit price HT per task type; a task type without a price is not billed à la tâche. */
  unitPriceCents: z.partialRecord(taskTypeSchema, cents).default({}),
});

export const FORFAIT_QUOTA_UNITS = ['calls', 'minutes', 'tasks'] as const;
export type ForfaitQuotaUnit = (typeof FORFAIT_QUOTA_UNITS)[number];

export const forfaitSchema = z.object({
  enabled: z.boolean().default(false),
  monthlyFeeCents: cents.default(0),
  quotaUnit: z.enum(FORFAIT_QUOTA_UNITS).default('calls'),
  includedQuantity: z.number().int().nonnegative().default(0),
  /** Per call, per started minute, or per task beyond the included quantity. */
  overagePriceCents: cents.default(0),
  taskTypes: taskTypeList.default(['call']),
});

/** A supplement is either a percentage of the line's base amount (basis points: 2500 = 25 %) or a fixed sum per line. */
export const majorationSupplementSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), basisPoints: z.number().int().nonnegative() }),
  z.object({ type: z.literal('fixed'), cents }),
]);
export type MajorationSupplement = z.infer<typeof majorationSupplementSchema>;

const majorationBase = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(120),
  supplement: majorationSupplementSchema,
  /** Task types the supplement applies to; all of them unless she narrows it. */
  taskTypes: taskTypeList.default([...TASK_TYPES]),
});

/** Majorations are decided on the entry's local start (its day, weekday and wall-clock time). */
export const majorationRuleSchema = z.discriminatedUnion('kind', [
  /** ISO weekdays: 1 = lundi … 7 = dimanche. */
  majorationBase.extend({
    kind: z.literal('weekday'),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  }),
  /** [from, to) in local time; from > to wraps midnight (19:00 → 08:00). */
  majorationBase
    .extend({ kind: z.literal('time-window'), from: wallClockTime, to: wallClockTime })
    .refine((w) => w.from !== w.to, {
      message: 'Une plage horaire ne peut pas commencer et finir à la même heure',
      path: ['to'],
    }),
  majorationBase.extend({ kind: z.literal('public-holiday') }),
  majorationBase.extend({ kind: z.literal('urgent') }),
]);
export type MajorationRule = z.infer<typeof majorationRuleSchema>;
export type MajorationKind = MajorationRule['kind'];

export const HOLIDAY_REGIONS = ['FR', 'FR-alsace-moselle'] as const;
export const holidayRegionSchema = z.enum(HOLIDAY_REGIONS);
export type HolidayRegion = z.infer<typeof holidayRegionSchema>;

export const afterCallWorkSchema = z.object({
  /** 'until-delivered': measured time until the message is delivered (computed by the timesheets). */
  mode: z.enum(['none', 'fixed', 'until-delivered']).default('none'),
  /** Wrap-up added to each call when mode is 'fixed'; kept when switching modes so it is not retyped. */
  fixedSeconds: seconds.default(30),
});

export const billingSettingsSchema = z
  .object({
    time: timeModeSchema.prefault({}),
    perTask: perTaskModeSchema.prefault({}),
    forfait: forfaitSchema.prefault({}),
    majorations: z.array(majorationRuleSchema).max(50).default([]),
    holidayRegion: holidayRegionSchema.default('FR'),
    afterCallWork: afterCallWorkSchema.prefault({}),
    /** KPI: a call counts as answered "in time" when picked up within this many seconds. */
    serviceLevelSeconds: z.number().int().positive().default(20),
    /** The firm's postal address as printed on the relevé d'activité (several lines). */
    billingAddress: z.string().max(500).default(''),
    /** The firm's SIREN (9 digits, spaces allowed), printed on the relevé; empty when unknown. */
    siren: z
      .string()
      .max(20)
      .regex(/^(\s*\d){9}\s*$|^\s*$/, 'SIREN attendu : 9 chiffres')
      .default(''),
  })
  .refine((s) => new Set(s.majorations.map((m) => m.id)).size === s.majorations.length, {
    message: 'Deux majorations ont le même identifiant',
    path: ['majorations'],
  });

export type BillingSettings = z.infer<typeof billingSettingsSchema>;
export type BillingSettingsInput = z.input<typeof billingSettingsSchema>;

/** The zone used when a firm has none recorded; computeMonth still takes the firm's zone explicitly. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/**
 * A new firm: billed by time at 30 € HT/h (the usual range is 20–45 €), per started minute, every task
 * type except typed pages, which stay unpriced until she sets a price per page.
 */
export function defaultBillingSettings(): BillingSettings {
  return billingSettingsSchema.parse({});
}
