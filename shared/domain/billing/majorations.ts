import type { HolidayRegion, MajorationRule, MajorationSupplement, TaskType } from './billing-settings';
import { isPublicHoliday } from './holidays';
import { percentOf } from './rounding';
import type { AppliedMajoration } from './statement';

/** The entry's start seen in the firm's zone: everything a majoration decides on. */
export interface LocalStart {
  date: string;
  /** ISO weekday, 1 = lundi … 7 = dimanche. */
  weekday: number;
  secondOfDay: number;
}

/** 'HH:mm' → seconds since midnight; memoised because every line of the month asks for the same few. */
const wallClockSeconds = new Map<string, number>();
function secondsOfWallClock(hhmm: string): number {
  let seconds = wallClockSeconds.get(hhmm);
  if (seconds === undefined) {
    const [hours, minutes] = hhmm.split(':').map(Number);
    seconds = (hours ?? 0) * 3600 + (minutes ?? 0) * 60;
    wallClockSeconds.set(hhmm, seconds);
  }
  return seconds;
}

/** [from, to); when from > to the window runs past midnight (19:00–08:00 covers 23:00 and 07:59). */
export function isWithinTimeWindow(secondOfDay: number, from: string, to: string): boolean {
  const start = secondsOfWallClock(from);
  const end = secondsOfWallClock(to);
  return start < end ? secondOfDay >= start && secondOfDay < end : secondOfDay >= start || secondOfDay < end;
}

export function majorationApplies(
  rule: MajorationRule,
  entry: { taskType: TaskType; urgent: boolean },
  start: LocalStart,
  region: HolidayRegion,
): boolean {
  if (!rule.taskTypes.includes(entry.taskType)) return false;
  switch (rule.kind) {
    case 'weekday':
      return rule.weekdays.includes(start.weekday);
    case 'time-window':
      return isWithinTimeWindow(start.secondOfDay, rule.from, rule.to);
    case 'public-holiday':
      return isPublicHoliday(start.date, region);
    case 'urgent':
      return entry.urgent;
  }
}

/**
 * Supplements stack additively: each one is computed on the line's base amount, never on an amount
 * already raised by another majoration (a 25 % evening rate and a 50 % Sunday rate make +75 %).
 * A percentage is rounded half up to the cent; a fixed supplement is due once per line, whatever its quantity.
 */
export function supplementCents(supplement: MajorationSupplement, baseAmountCents: number): number {
  return supplement.type === 'percent' ? percentOf(baseAmountCents, supplement.basisPoints) : supplement.cents;
}

export function applyMajorations(
  rules: readonly MajorationRule[],
  entry: { taskType: TaskType; urgent: boolean },
  start: LocalStart,
  region: HolidayRegion,
  baseAmountCents: number,
): AppliedMajoration[] {
  const applied: AppliedMajoration[] = [];
  for (const rule of rules) {
    if (!majorationApplies(rule, entry, start, region)) continue;
    const amountCents = supplementCents(rule.supplement, baseAmountCents);
    // A percentage of nothing (a forfait line, a call rounded down to 0) is not worth a line on the relevé.
    if (amountCents > 0) applied.push({ ruleId: rule.id, label: rule.label, amountCents });
  }
  return applied;
}
