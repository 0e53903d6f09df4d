import { z } from 'zod';
import { v } from '../validation-messages';

export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: v('invalidTime') });

export const hoursIntervalSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((i) => minutesOf(i.start) < minutesOf(i.end), {
    message: v('endBeforeStart'),
    path: ['end'],
  });
export type HoursInterval = z.infer<typeof hoursIntervalSchema>;

/** ISO weekday: 1 = Monday … 7 = Sunday, as luxon counts them. */
export const weekdaySchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
  z.literal(7),
]);
export type Weekday = z.infer<typeof weekdaySchema>;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Opening ranges in one day: morning and afternoon, with room for split shifts. */
const MAX_INTERVALS_PER_DAY = 12;

export const weeklyHoursSchema = z
  .object({
    1: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
    2: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
    3: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
    4: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
    5: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
    6: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
    7: z.array(hoursIntervalSchema).max(MAX_INTERVALS_PER_DAY),
  })
  .superRefine((week, ctx) => {
    for (const day of WEEKDAYS) {
      const sorted = [...week[day]].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      for (let i = 1; i < sorted.length; i += 1) {
        if (minutesOf(sorted[i]!.start) < minutesOf(sorted[i - 1]!.end)) {
          ctx.addIssue({ code: 'custom', message: v('overlappingHours'), path: [day] });
        }
      }
    }
  });
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: v('invalidDate') });

export const closureSchema = z
  .object({
    id: z.string().min(1).max(64),
    from: isoDateSchema,
    to: isoDateSchema,
    label: z.string().max(200).default(''),
  })
  .refine((c) => c.from <= c.to, { message: v('endBeforeStart'), path: ['to'] });
export type Closure = z.infer<typeof closureSchema>;

export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

export function emptyWeek(): WeeklyHours {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

export function officeWeek(): WeeklyHours {
  const day = [
    { start: '09:00', end: '12:30' },
    { start: '14:00', end: '18:00' },
  ];
  return { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] };
}
