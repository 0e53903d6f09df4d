/**
 * A firm's times are shown in the firm's zone, whatever the computer's: the same entry reads 08:45 in every
 * screen. When that zone's clock differs from the computer's at that instant, the screen says which zone it is.
 */

/** The computer's zone (what `new Date().toString()` would use). */
export function computerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const offsets = new Map<string, Intl.DateTimeFormat>();
function offsetOf(zone: string, ms: number): string {
  let format = offsets.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' });
    offsets.set(zone, format);
  }
  return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** True when the firm's clock and the computer's read differently at `ms` (another offset). */
export function zoneDiffers(zone: string, ms: number, local: string = computerZone()): boolean {
  return zone !== local && offsetOf(zone, ms) !== offsetOf(local, ms);
}

const names = new Map<string, Intl.DateTimeFormat>();
/** 'Indian/Reunion' → « heure de La Réunion (UTC+4) » in French, "Réunion Time (GMT+4)" in English. */
export function zoneLabel(zone: string, ms: number, locale: string): string {
  const part = (style: 'longGeneric' | 'shortOffset') => {
    const key = `${locale}|${zone}|${style}`;
    let format = names.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { timeZone: zone, timeZoneName: style });
      names.set(key, format);
    }
    return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  };
  return `${part('longGeneric')} (${part('shortOffset')})`;
}
