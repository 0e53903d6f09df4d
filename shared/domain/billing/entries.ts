import { z } from 'zod';
import { taskTypeSchema } from './billing-settings';

export const ENTRY_SOURCES = ['call', 'manual', 'timer', 'import'] as const;

/**
 * One piece of work for one firm, as the billing engine sees it. Durations are the raw measured seconds
 * (talk + hold + after-call work for calls); the engine never alters them, it only derives billed figures.
 */
export const billableEntrySchema = z.object({
  id: z.string().min(1),
  /** UTC epoch milliseconds of the start; local day and time are derived with the firm's zone. */
  startedAt: z.number().int(),
  durationSeconds: z.number().int().nonnegative(),
  taskType: taskTypeSchema,
  /** Units of work (pages typed, letters…); 1 for a call. */
  quantity: z.number().int().nonnegative(),
  billable: z.boolean(),
  urgent: z.boolean(),
  /** Caller name or object of the work, shown on the relevé. */
  label: z.string(),
  source: z.enum(ENTRY_SOURCES),
});

export type BillableEntry = z.infer<typeof billableEntrySchema>;
export type EntrySource = BillableEntry['source'];
