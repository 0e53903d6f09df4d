import { DateTime } from 'luxon';

/**
 * Wall-clock time in a firm's zone → instants, honest about daylight-saving changes: a local time that does not
 * exist (the spring gap, 02:30 on the last Sunday of March in Paris) or exists twice (the autumn overlap) is
 * reported as such, never silently moved or guessed, so the caller can ask for a duration or an offset.
 */
export type LocalResolution =
  | { kind: 'ok'; ms: number }
  | { kind: 'gap' }
  | { kind: 'overlap'; candidates: Array<{ ms: number; offsetMinutes: number }> }
  | { kind: 'invalid' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** 'YYYY-MM-DD' as [year, month, day] when it is a real calendar date (31/02 is not). */
export function calendarDate(iso: string): [number, number, number] | null {
  const m = DATE.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null;
}

/** '+01:00', '-0530' or 'Z' → minutes east of UTC; null when unreadable. */
export function offsetMinutes(raw: string): number | null {
  if (/^z$/i.test(raw)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * A converter for one zone. Most days have one offset all day: it is computed once per day with luxon and the
 * conversion is then integer arithmetic (luxon per line made a 200,000-line import take 20 s). Days with a change
 * go through luxon for every time, with gap and overlap detection.
 */
export function createWallClock(timeZone: string) {
  const days = new Map<string, number | null>();
  /** The day's single offset in minutes, or null when the offset changes that day. */
  function dayOffset(date: string, y: number, mo: number, d: number): number | null {
    let offset = days.get(date);
    if (offset === undefined) {
      const start = DateTime.fromObject({ year: y, month: mo, day: d }, { zone: timeZone });
      const next = start.plus({ days: 1 }).startOf('day');
      offset = start.isValid && start.hour === 0 && start.offset === next.offset ? start.offset : null;
      days.set(date, offset);
    }
    return offset;
  }

  function resolve(date: string, time: string, offset: string | null = null): LocalResolution {
    const ymd = calendarDate(date);
    const hms = TIME.exec(time);
    if (!ymd || !hms) return { kind: 'invalid' };
    const [y, mo, d] = ymd;
    const [h, mi, s] = [Number(hms[1]), Number(hms[2]), Number(hms[3] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return { kind: 'invalid' };
    const utc = Date.UTC(y, mo - 1, d, h, mi, s);
    if (offset !== null) {
      const minutes = offsetMinutes(offset);
      return minutes === null ? { kind: 'invalid' } : { kind: 'ok', ms: utc - minutes * 60_000 };
    }
    const constant = dayOffset(date, y, mo, d);
    if (constant !== null) return { kind: 'ok', ms: utc - constant * 60_000 };
    const local = DateTime.fromObject(
      { year: y, month: mo, day: d, hour: h, minute: mi, second: s },
      { zone: timeZone },
    );
    if (!local.isValid) return { kind: 'invalid' };
    if (local.hour !== h || local.minute !== mi || local.second !== s) return { kind: 'gap' };
    const possible = local.getPossibleOffsets();
    if (possible.length > 1) {
      return {
        kind: 'overlap',
        candidates: possible.map((p) => ({ ms: p.toMillis(), offsetMinutes: p.offset })).sort((a, b) => a.ms - b.ms),
      };
    }
    return { kind: 'ok', ms: local.toMillis() };
  }

  const utcDays = new Map<number, number | null>();
  /** 'YYYY-MM' of an instant in the zone: integer arithmetic on UTC days with one offset (all but two a year). */
  function monthAt(ms: number): string {
    const day = Math.floor(ms / 86_400_000);
    let offset = utcDays.get(day);
    if (offset === undefined) {
      const first = DateTime.fromMillis(day * 86_400_000, { zone: timeZone }).offset;
      const last = DateTime.fromMillis((day + 1) * 86_400_000 - 1, { zone: timeZone }).offset;
      offset = first === last ? first : null;
      utcDays.set(day, offset);
    }
    if (offset === null) return DateTime.fromMillis(ms, { zone: timeZone }).toFormat('yyyy-LL');
    return new Date(ms + offset * 60_000).toISOString().slice(0, 7);
  }

  /** The calendar day after `date` ('YYYY-MM-DD'). */
  function nextDay(date: string): string {
    const ymd = calendarDate(date);
    if (!ymd) return date;
    return new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2] + 1)).toISOString().slice(0, 10);
  }

  return { timeZone, resolve, nextDay, monthAt };
}
export type WallClock = ReturnType<typeof createWallClock>;

/**
 * Real elapsed seconds from a start to an end wall-clock time on `date` (an end earlier than the start is the next
 * day): 01:30 → 03:30 on the last Sunday of March in Paris is one hour. Either end in a gap or an overlap is
 * reported, not guessed.
 */
export function wallClockElapsed(
  clock: WallClock,
  date: string,
  start: { time: string; offset?: string | null },
  end: { time: string; offset?: string | null },
):
  | { kind: 'ok'; startMs: number; seconds: number }
  | { kind: 'start' | 'end'; problem: Exclude<LocalResolution['kind'], 'ok'> } {
  const from = clock.resolve(date, start.time, start.offset ?? null);
  if (from.kind !== 'ok') return { kind: 'start', problem: from.kind };
  const sameDay = end.time >= start.time;
  const to = clock.resolve(sameDay ? date : clock.nextDay(date), end.time, end.offset ?? null);
  if (to.kind !== 'ok') return { kind: 'end', problem: to.kind };
  const seconds = Math.round((to.ms - from.ms) / 1000);
  // With explicit offsets an "end" can fall before the start: that is a wrong line, not a negative duration.
  if (seconds < 0) return { kind: 'end', problem: 'invalid' };
  return { kind: 'ok', startMs: from.ms, seconds };
}
