/** Dates and times through Intl, in the firm's time zone when one is given. */
export function formatDateTime(ms: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(ms);
}

export function formatTime(ms: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short', timeZone }).format(ms);
}

export function formatWeekdayTime(ms: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(ms);
}
