import { DateTime } from 'luxon';
import { isPublicHoliday } from '../billing/holidays';
import { minutesOf } from '../firm/hours';
import type { AgendaConfig } from './config';

/** [start, end) in minutes from a local day's midnight; the end may be 1440 (« 24:00 »). */
export type MinuteRange = [number, number];

/** A local day's open window of one agenda, as instants. */
export interface Window {
  from: number;
  to: number;
  /** Local minutes of `from` (morning/afternoon and HH:MM without a zone conversion per slot). */
  fromMinutes: number;
}

export function localDate(day: DateTime): string {
  return day.toISODate()!;
}

const MINUTE = 60_000;

/**
 * Instant of a local wall time: calendar arithmetic in the firm's zone, so 09:00 stays 09:00 across DST. The wall
 * time is read as if it were UTC, then moved by the zone's offset at that instant, checked once more at the
 * result (the offset may differ on either side of a change); a time inside the spring gap lands after it, as
 * luxon does. Cheaper than DateTime#set, which the finder would call thousands of times.
 */
export function instantOf(day: DateTime, minutes: number): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day) + minutes * MINUTE;
  const first = wall - day.zone.offset(wall) * MINUTE;
  return wall - day.zone.offset(first) * MINUTE;
}

function subtract(ranges: MinuteRange[], cut: MinuteRange): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (const [s, e] of ranges) {
    if (cut[1] <= s || cut[0] >= e) {
      out.push([s, e]);
      continue;
    }
    if (cut[0] > s) out.push([s, cut[0]]);
    if (cut[1] < e) out.push([cut[1], e]);
  }
  return out;
}

function union(ranges: MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: MinuteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

const wholeDay: MinuteRange = [0, 1440];
const rangeOf = (e: { start: string | null; end: string | null }): MinuteRange =>
  e.start !== null && e.end !== null ? [minutesOf(e.start), minutesOf(e.end)] : wholeDay;

/**
 * The minutes an agenda is open on a local day for a motif (null: for anything). Template ranges of the weekday
 * (none on a public holiday when the firm closes then) plus extra openings; minus the agenda's absences and the
 * firm's closures, which always win. A range restricted to other motifs does not count for this one.
 */
export function openMinutes(
  config: AgendaConfig,
  agendaId: string,
  motifId: string | null,
  day: DateTime,
): MinuteRange[] {
  const agenda = config.agendas.find((a) => a.id === agendaId);
  if (!agenda || !agenda.active) return [];
  const date = localDate(day);
  const offers = (ids: readonly string[]) => motifId === null || ids.length === 0 || ids.includes(motifId);
  const holiday = config.settings.closedOnPublicHolidays && isPublicHoliday(date, config.settings.holidayRegion);
  let ranges: MinuteRange[] = holiday
    ? []
    : agenda.template
        .filter((r) => r.weekday === day.weekday && offers(r.motifIds))
        .map((r) => [minutesOf(r.start), minutesOf(r.end)] as MinuteRange);
  const today = config.exceptions.filter((e) => e.from <= date && date <= e.to);
  for (const e of today) {
    if (e.kind === 'opening' && e.agendaId === agendaId && offers(e.motifIds)) ranges.push(rangeOf(e));
  }
  ranges = union(ranges);
  for (const e of today) {
    if (e.kind === 'closure' || (e.kind === 'absence' && e.agendaId === agendaId))
      ranges = subtract(ranges, rangeOf(e));
  }
  return ranges;
}

export function openWindows(config: AgendaConfig, agendaId: string, motifId: string | null, day: DateTime): Window[] {
  return openMinutes(config, agendaId, motifId, day).map(([s, e]) => ({
    from: instantOf(day, s),
    to: instantOf(day, e),
    fromMinutes: s,
  }));
}

/** An absence or closure covering the instant, whole-day or timed; what the ring card calls « absent ». */
export function absenceAt(
  config: AgendaConfig,
  agendaId: string,
  day: DateTime,
  at: number,
): { until: number; label: string } | null {
  const date = localDate(day);
  for (const e of config.exceptions) {
    if (e.kind === 'opening' || e.from > date || date > e.to) continue;
    if (e.kind === 'absence' && e.agendaId !== agendaId) continue;
    const [s, end] = rangeOf(e);
    if (s === 0 && end === 1440) {
      const last = DateTime.fromISO(e.to, { zone: day.zone });
      return { until: last.plus({ days: 1 }).startOf('day').toMillis(), label: e.label };
    }
    if (instantOf(day, s) <= at && at < instantOf(day, end)) return { until: instantOf(day, end), label: e.label };
  }
  return null;
}
