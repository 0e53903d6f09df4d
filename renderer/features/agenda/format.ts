import { DateTime } from 'luxon';

/**
 * Dates of the agenda screens, always in the firm's zone (a secretary in Lyon books for a firm in Nouméa), in
 * the interface's language, with Intl.
 */

export function slotDay(ms: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(ms);
}

export function slotTime(ms: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

export function longDay(ms: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(ms);
}

/** « lundi 15 juin 2026 à 10:30 » as a sentence part, in the interface's language. */
export function dayAndTime(ms: number, locale: string, timeZone: string): { day: string; time: string } {
  return { day: longDay(ms, locale, timeZone), time: slotTime(ms, locale, timeZone) };
}

/** Midnight of the local day holding `ms`. */
export function startOfDay(ms: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).startOf('day').toMillis();
}

/** Monday 00:00 of the local week holding `ms`. */
export function startOfWeek(ms: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).startOf('week').toMillis();
}

export function addDays(ms: number, days: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).plus({ days }).toMillis();
}

/** The local date (YYYY-MM-DD) of an instant, for `<input type="date">`. */
export function isoDate(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
}

/** Midnight of a local date typed in `<input type="date">`; null when it is not a date. */
export function fromIsoDate(value: string, timeZone: string): number | null {
  const day = DateTime.fromISO(value, { zone: timeZone });
  return day.isValid ? day.startOf('day').toMillis() : null;
}

/** Minutes since local midnight (where a block sits in a day column). */
export function minutesInDay(ms: number, timeZone: string): number {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return local.hour * 60 + local.minute;
}
