import { DateTime } from 'luxon';
import { minutesOf, type Closure, type WeeklyHours, type Weekday } from './hours';

export interface OpeningCalendar {
  timeZone: string;
  weeklyHours: WeeklyHours;
  closures: readonly Closure[];
  closedOnPublicHolidays: boolean;
}

export type ClosedReason = 'outside-hours' | 'closure' | 'public-holiday';

export type OpeningState =
  | { open: true; until: number }
  | { open: false; reason: ClosedReason; closureLabel?: string; nextOpening: number | null };

/** Looking further ahead than this means the firm has no hours at all; saying "never" is then honest. */
const LOOKAHEAD_DAYS = 400;

/**
 * Answers "is the firm open at this instant, and until when / from when", in the firm's own time zone.
 * Intervals are wall-clock times, so on DST days an interval is as long as the clock says, not 60 × n minutes.
 */
export function openingStateAt(
  calendar: OpeningCalendar,
  instantMs: number,
  isPublicHoliday: (isoDate: string) => boolean = () => false,
): OpeningState {
  const now = DateTime.fromMillis(instantMs, { zone: calendar.timeZone });
  const dayClosure = closureFor(calendar, now.toISODate()!, isPublicHoliday);
  if (!dayClosure) {
    const minute = now.hour * 60 + now.minute;
    const current = calendar.weeklyHours[now.weekday as Weekday].find(
      (i) => minutesOf(i.start) <= minute && minute < minutesOf(i.end),
    );
    if (current) {
      return { open: true, until: endOfOpenStretch(calendar, now, current.end, isPublicHoliday) };
    }
  }
  const nextOpening = findNextOpening(calendar, now, isPublicHoliday);
  if (dayClosure) {
    return { open: false, reason: dayClosure.reason, closureLabel: dayClosure.label, nextOpening };
  }
  return { open: false, reason: 'outside-hours', nextOpening };
}

function closureFor(
  calendar: OpeningCalendar,
  isoDate: string,
  isPublicHoliday: (isoDate: string) => boolean,
): { reason: ClosedReason; label: string } | null {
  const closure = calendar.closures.find((c) => c.from <= isoDate && isoDate <= c.to);
  if (closure) return { reason: 'closure', label: closure.label };
  if (calendar.closedOnPublicHolidays && isPublicHoliday(isoDate)) {
    return { reason: 'public-holiday', label: '' };
  }
  return null;
}

/**
 * The instant the firm's clock reaches `time` on `day`; setting fields (not adding durations) keeps DST honest.
 * A time the clock skips (spring gap) is reached when the clock jumps past it, not an hour later as luxon's
 * shifted time would say; a time the clock shows twice (autumn overlap) starts an interval the first time and
 * ends it the second time, since the clock reads before it until then.
 */
function atWallClock(day: DateTime, time: string, boundary: 'start' | 'end'): DateTime {
  const minutes = minutesOf(time);
  if (minutes >= 24 * 60) return day.plus({ days: 1 }).startOf('day');
  const [hour, minute] = [Math.floor(minutes / 60), minutes % 60];
  const local = day.set({ hour, minute, second: 0, millisecond: 0 });
  if (local.hour !== hour || local.minute !== minute) return clockJumpBefore(local);
  const possible = local.getPossibleOffsets();
  if (possible.length > 1) return boundary === 'start' ? possible[0]! : possible[possible.length - 1]!;
  return local;
}

/** The instant of the spring-forward jump just before `after` (a time luxon shifted past the gap), to the minute. */
function clockJumpBefore(after: DateTime): DateTime {
  const offsetAfter = after.offset;
  let lo = after.toMillis() - 3 * 3_600_000;
  let hi = after.toMillis();
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (DateTime.fromMillis(mid, { zone: after.zone }).offset === offsetAfter) hi = mid;
    else lo = mid;
  }
  return DateTime.fromMillis(hi, { zone: after.zone });
}

/** An interval ending at 24:00 that continues at 00:00 the next day is one stretch for the caller. */
function endOfOpenStretch(
  calendar: OpeningCalendar,
  now: DateTime,
  end: string,
  isPublicHoliday: (isoDate: string) => boolean,
): number {
  let day = now;
  let endTime = end;
  for (let i = 0; i < 7 && endTime === '24:00'; i += 1) {
    const next = day.plus({ days: 1 });
    if (closureFor(calendar, next.toISODate()!, isPublicHoliday)) break;
    const continuation = calendar.weeklyHours[next.weekday as Weekday].find((x) => x.start === '00:00');
    if (!continuation) break;
    day = next;
    endTime = continuation.end;
  }
  return atWallClock(day, endTime, 'end').toMillis();
}

function findNextOpening(
  calendar: OpeningCalendar,
  now: DateTime,
  isPublicHoliday: (isoDate: string) => boolean,
): number | null {
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset += 1) {
    const day = now.plus({ days: offset });
    if (closureFor(calendar, day.toISODate()!, isPublicHoliday)) continue;
    const intervals = [...calendar.weeklyHours[day.weekday as Weekday]].sort(
      (a, b) => minutesOf(a.start) - minutesOf(b.start),
    );
    for (const interval of intervals) {
      const start = atWallClock(day, interval.start, 'start');
      if (start > now) return start.toMillis();
    }
  }
  return null;
}
