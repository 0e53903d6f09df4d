import type { PermanenceClient } from '../../shared/api';

/**
 * French public holidays for last year to two years ahead, fetched once from main. Opening-hours answers
 * need them synchronously (the ring card paints before any round trip), so they are kept in memory.
 */
let holidays: ReadonlySet<string> = new Set();

export async function loadPublicHolidays(api: PermanenceClient, now = new Date()): Promise<void> {
  const year = now.getFullYear();
  holidays = new Set(await api.calendar.publicHolidays({ region: 'FR', fromYear: year - 1, toYear: year + 2 }));
}

export function isKnownPublicHoliday(isoDate: string): boolean {
  return holidays.has(isoDate);
}
