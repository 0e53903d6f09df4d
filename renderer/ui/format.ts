/**
 * Dates and times through Intl, in the firm's time zone when one is given. Building an Intl.DateTimeFormat costs
 * about a millisecond (ICU): each one is made once per locale/zone and reused, so a card re-render or a long list
 * does not spend the main thread the softphone needs when a call arrives.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: string, locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${kind}|${locale}|${timeZone ?? ''}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { ...options, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

export function formatDateTime(ms: number, locale: string, timeZone?: string): string {
  return formatter('datetime', locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatTime(ms: number, locale: string, timeZone?: string): string {
  return formatter('time', locale, timeZone, { timeStyle: 'short' }).format(ms);
}

export function formatWeekdayTime(ms: number, locale: string, timeZone?: string): string {
  return formatter('weekday-time', locale, timeZone, { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(
    ms,
  );
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day as a date field stores it ('2027-03-01') → how she reads it (« 01/03/2027 »). Anything else is
 * returned as typed.
 */
export function formatIsoDay(value: string, locale: string): string {
  const match = ISO_DAY.exec(value.trim());
  if (!match) return value;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return formatter('day', locale, 'UTC', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    Date.UTC(y, m - 1, d),
  );
}

/**
 * An instant said relative to `now`, in the firm's zone: « 12:30 » when it is the same day (« Ouvert jusqu’à
 * 12:30 »), « jeudi 12:30 » otherwise.
 */
export function formatWhenFrom(ms: number, now: number, locale: string, timeZone?: string): string {
  const day = formatter('same-day', locale, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return day.format(ms) === day.format(now)
    ? formatTime(ms, locale, timeZone)
    : formatWeekdayTime(ms, locale, timeZone);
}
