import { DateTime } from 'luxon';
import type { AgendaConfig } from './config';
import { absenceAt, openWindows } from './day-plan';
import type { Occupation } from './slots';

/**
 * Whether an agenda's person is free at an instant, and until when, from local data only (the ring card asks
 * this while the phone rings: no network, no expansion).
 * - busy: inside an appointment or one of their own events; `until` is the end of the chain of back-to-back
 *   occupations (« en consultation jusqu'à 11:30 »), `reason` says which kind holds them now;
 * - absent: an absence or the firm's closure covers now; `until` is when it ends;
 * - free: inside an open window; `until` is the next occupation or the window's end;
 * - off: outside every window (lunch, evening, weekend, public holiday).
 */
export type Availability =
  | { state: 'busy'; until: number; untilLocal: string; reason: 'appointment' | 'event' }
  | { state: 'absent'; until: number; untilLocal: string; label: string }
  | { state: 'free'; until: number; untilLocal: string }
  | { state: 'off'; until: null; untilLocal: null };

const formats = new Map<string, Intl.DateTimeFormat>();

/** 'HH:MM' in the zone; one formatter per zone, the ring card asks while the phone rings. */
function hhmm(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

export function availabilityAt(
  config: AgendaConfig,
  timeZone: string,
  agendaId: string,
  now: number,
  occupations: readonly Occupation[],
): Availability {
  const day = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const mine = occupations.filter((o) => o.agendaId === agendaId).sort((a, b) => a.from - b.from);
  const current = mine.filter((o) => o.from <= now && now < o.to);
  if (current.length > 0) {
    let until = Math.max(...current.map((o) => o.to));
    // Back-to-back appointments: she is busy until the last one of the chain ends.
    for (const o of mine) if (o.from <= until && o.to > until) until = o.to;
    const reason = current.some((o) => o.motifId !== null) ? 'appointment' : 'event';
    return { state: 'busy', until, untilLocal: hhmm(until, timeZone), reason };
  }
  const absence = absenceAt(config, agendaId, day, now);
  if (absence) {
    return { state: 'absent', until: absence.until, untilLocal: hhmm(absence.until, timeZone), label: absence.label };
  }
  const window = openWindows(config, agendaId, null, day).find((w) => w.from <= now && now < w.to);
  if (!window) return { state: 'off', until: null, untilLocal: null };
  const next = mine.find((o) => o.from > now && o.from < window.to);
  const until = next ? next.from : window.to;
  return { state: 'free', until, untilLocal: hhmm(until, timeZone) };
}
