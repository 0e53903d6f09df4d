import { DateTime } from 'luxon';
import type { AgendaConfig } from './config';
import { openWindows } from './day-plan';
import type { Occupation } from './slots';

/**
 * What stands in the way of booking a motif at a time on an agenda. Each problem can be forced with a reason
 * (she knows the practitioner squeezes an emergency in); a motif the agenda does not offer cannot.
 */
export type BookingProblem = 'overlap' | 'outside-hours' | 'max-per-day' | 'new-caller';

export interface BookingRequest {
  agendaId: string;
  motifId: string;
  startsAt: number;
  newCaller: boolean;
}

/** null when the agenda does not offer the motif (or either is unknown); the problems otherwise ([] when free). */
export function bookingProblems(
  config: AgendaConfig,
  timeZone: string,
  request: BookingRequest,
  occupations: readonly Occupation[],
): BookingProblem[] | null {
  const motif = config.motifs.find((m) => m.id === request.motifId);
  const agenda = config.agendas.find((a) => a.id === request.agendaId);
  if (!motif || !agenda || !motif.agendaIds.includes(agenda.id)) return null;
  const problems: BookingProblem[] = [];
  const from = request.startsAt - motif.bufferBeforeMinutes * 60_000;
  const to = request.startsAt + (motif.durationMinutes + motif.bufferAfterMinutes) * 60_000;
  const day = DateTime.fromMillis(request.startsAt, { zone: timeZone }).startOf('day');
  if (!openWindows(config, agenda.id, motif.id, day).some((w) => w.from <= from && to <= w.to)) {
    problems.push('outside-hours');
  }
  const mine = occupations.filter((o) => o.agendaId === agenda.id);
  if (mine.some((o) => o.from < to && o.to > from)) problems.push('overlap');
  if (motif.maxPerDay !== null) {
    const dayStart = day.toMillis();
    const dayEnd = day.plus({ days: 1 }).toMillis();
    const taken = mine.filter((o) => o.motifId === motif.id && o.startsAt >= dayStart && o.startsAt < dayEnd).length;
    if (taken >= motif.maxPerDay) problems.push('max-per-day');
  }
  if (request.newCaller && !motif.newCallersAllowed) problems.push('new-caller');
  return problems;
}

/** The end of an appointment of this motif starting at `startsAt` (its buffers are not part of it). */
export function appointmentEnd(config: AgendaConfig, motifId: string, startsAt: number): number | null {
  const motif = config.motifs.find((m) => m.id === motifId);
  return motif ? startsAt + motif.durationMinutes * 60_000 : null;
}
