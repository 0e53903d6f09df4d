import { DateTime } from 'luxon';
import type { BillingSettings, MajorationRule, TaskType } from './billing-settings';
import type { BillableEntry } from './entries';
import { forfaitConsumption, type ForfaitUsage } from './forfait';
import { applyMajorations, type LocalStart } from './majorations';
import type { BillingMode, MajorationLine, MonthStatement, StatementLine } from './statement';
import { chargeableSeconds, priceTimedItems, type TimedItem } from './time-mode';

export interface ComputeMonthInput {
  settings: BillingSettings;
  /** The firm's IANA zone ('Europe/Paris'): month boundaries, days and time windows are read in it. */
  timeZone: string;
  /** 'YYYY-MM' */
  month: string;
  entries: readonly BillableEntry[];
}

/** The local month as a half-open UTC interval [start, end). Luxon takes care of DST offsets. */
export function monthPeriod(month: string, timeZone: string): { start: number; end: number } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new RangeError(`Mois attendu au format AAAA-MM : « ${month} »`);
  }
  const first = DateTime.fromISO(`${month}-01T00:00:00`, { zone: timeZone });
  if (!first.isValid) throw new RangeError(`Fuseau horaire inconnu : « ${timeZone} »`);
  return { start: first.toMillis(), end: first.plus({ months: 1 }).toMillis() };
}

/** Which mode prices a task type; precedence documented in billing-settings.ts. */
export function billingModeFor(settings: BillingSettings, taskType: TaskType): BillingMode {
  if (settings.forfait.enabled && settings.forfait.taskTypes.includes(taskType)) return 'forfait';
  if (settings.perTask.unitPriceCents[taskType] !== undefined) return 'per-task';
  if (settings.time.enabled && settings.time.taskTypes.includes(taskType)) return 'time';
  return 'unpriced';
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const QUARTER_HOUR_MS = 900_000;

/**
 * Reads entries' local start in the firm's zone. Asking luxon for every entry costs an Intl round trip
 * each time; offsets change at most on quarter-hour boundaries in every current zone, so the offset is
 * looked up once per UTC quarter hour. A quarter hour whose two ends disagree (an odd historical
 * transition) is marked null and each of its entries asks luxon directly.
 */
function localClock(timeZone: string): (startedAt: number) => LocalStart & { time: string } {
  const offsets = new Map<number, number | null>();
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
  return (startedAt) => {
    const bucket = Math.floor(startedAt / QUARTER_HOUR_MS);
    let offsetMinutes = offsets.get(bucket);
    if (offsetMinutes === undefined) {
      const first = offsetAt(bucket * QUARTER_HOUR_MS);
      offsetMinutes = first === offsetAt((bucket + 1) * QUARTER_HOUR_MS - 1) ? first : null;
      offsets.set(bucket, offsetMinutes);
    }
    if (offsetMinutes === null) offsetMinutes = offsetAt(startedAt);
    const wall = new Date(startedAt + offsetMinutes * 60_000);
    const [hour, minute, second] = [wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
    return {
      date: `${wall.getUTCFullYear()}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}`,
      time: `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`,
      weekday: wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(),
      secondOfDay: hour * 3600 + minute * 60 + second,
    };
  };
}

/**
 * The firm's statement (relevé) for one local month. An entry belongs to the month of its local start,
 * even when it ends in the next one. Non-billable entries are left out (and counted in `excluded`).
 * Pricing, in order: each entry gets its mode; per-task lines are quantity × unit price; time lines go
 * through the per-call rules, then rounding (per entry or per day × task type), then the hourly rate;
 * forfait lines cost nothing on their own and feed the quota; then majorations are added on each line's
 * base amount. All amounts are integer cents; every division rounds half up to the cent.
 */
export function computeMonth({ settings, timeZone, month, entries }: ComputeMonthInput): MonthStatement {
  const period = monthPeriod(month, timeZone);
  const excluded = { outsideMonth: 0, nonBillable: 0 };
  const kept: BillableEntry[] = [];
  for (const entry of entries) {
    if (entry.startedAt < period.start || entry.startedAt >= period.end) excluded.outsideMonth += 1;
    else if (!entry.billable) excluded.nonBillable += 1;
    else kept.push(entry);
  }
  kept.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const localStartOf = localClock(timeZone);
  const starts = kept.map((entry) => localStartOf(entry.startedAt));
  const lines: StatementLine[] = kept.map((entry, i) => {
    const start = starts[i] ?? localStartOf(entry.startedAt);
    return {
      entryId: entry.id,
      startedAt: entry.startedAt,
      localDate: start.date,
      localTime: start.time,
      taskType: entry.taskType,
      label: entry.label,
      source: entry.source,
      urgent: entry.urgent,
      mode: billingModeFor(settings, entry.taskType),
      actualSeconds: entry.durationSeconds,
      chargeableSeconds: null,
      billedSeconds: null,
      billedQuantity: null,
      unitPriceCents: null,
      baseAmountCents: 0,
      majorations: [],
      amountCents: 0,
      freeShortCall: false,
    };
  });

  const timedLines: StatementLine[] = [];
  const timedItems: TimedItem[] = [];
  const forfaitUsages: ForfaitUsage[] = [];
  lines.forEach((line, i) => {
    const quantity = kept[i]?.quantity ?? 0;
    switch (line.mode) {
      case 'per-task': {
        const price = settings.perTask.unitPriceCents[line.taskType] ?? 0;
        line.billedQuantity = quantity;
        line.unitPriceCents = price;
        line.baseAmountCents = quantity * price;
        break;
      }
      case 'time': {
        const chargeable = chargeableSeconds(settings.time, line.taskType, line.actualSeconds);
        line.chargeableSeconds = chargeable.seconds;
        line.freeShortCall = chargeable.free;
        line.unitPriceCents = settings.time.hourlyRateCents;
        timedLines.push(line);
        timedItems.push({ localDate: line.localDate, taskType: line.taskType, chargeableSeconds: chargeable.seconds });
        break;
      }
      case 'forfait': {
        const unit = settings.forfait.quotaUnit;
        line.billedQuantity = unit === 'calls' ? 1 : unit === 'tasks' ? quantity : null;
        forfaitUsages.push({ actualSeconds: line.actualSeconds, quantity });
        break;
      }
      case 'unpriced':
        break;
    }
  });
  priceTimedItems(settings.time, timedItems).forEach((price, k) => {
    const line = timedLines[k];
    if (!line) return;
    line.billedSeconds = price.billedSeconds;
    line.baseAmountCents = price.baseAmountCents;
  });

  // Majorations: on priced lines only. A free short call was waived, and an unpriced line is a missing
  // setting, not work to be supplemented.
  lines.forEach((line, i) => {
    const start = starts[i];
    if (start && line.mode !== 'unpriced' && !line.freeShortCall) {
      line.majorations = applyMajorations(
        settings.majorations,
        line,
        start,
        settings.holidayRegion,
        line.baseAmountCents,
      );
    }
    line.amountCents = line.baseAmountCents + line.majorations.reduce((sum, m) => sum + m.amountCents, 0);
  });

  const majorationLines = aggregateMajorations(settings.majorations, lines);
  const forfait = settings.forfait.enabled ? forfaitConsumption(settings.forfait, forfaitUsages) : null;
  const subtotals = {
    forfaitCents: forfait?.totalCents ?? 0,
    perTaskCents: sumOf(lines, (l) => (l.mode === 'per-task' ? l.baseAmountCents : 0)),
    timeCents: sumOf(lines, (l) => (l.mode === 'time' ? l.baseAmountCents : 0)),
    majorationsCents: sumOf(majorationLines, (m) => m.amountCents),
  };
  return {
    month,
    timeZone,
    periodStart: period.start,
    periodEnd: period.end,
    lines,
    majorationLines,
    forfait,
    subtotals,
    totalCents: subtotals.forfaitCents + subtotals.perTaskCents + subtotals.timeCents + subtotals.majorationsCents,
    time: {
      actualSeconds: sumOf(timedLines, (l) => l.actualSeconds),
      billedSeconds: sumOf(timedLines, (l) => l.billedSeconds ?? 0),
    },
    excluded,
  };
}

/** One line per rule, in the order the firm listed its rules; rules that never applied are omitted. */
function aggregateMajorations(rules: readonly MajorationRule[], lines: readonly StatementLine[]): MajorationLine[] {
  const byRule = new Map<string, MajorationLine>();
  for (const rule of rules) {
    byRule.set(rule.id, { ruleId: rule.id, label: rule.label, kind: rule.kind, lineCount: 0, amountCents: 0 });
  }
  for (const line of lines) {
    for (const applied of line.majorations) {
      const total = byRule.get(applied.ruleId);
      if (!total) continue;
      total.lineCount += 1;
      total.amountCents += applied.amountCents;
    }
  }
  return [...byRule.values()].filter((m) => m.lineCount > 0);
}

function sumOf<T>(items: readonly T[], pick: (item: T) => number): number {
  let sum = 0;
  for (const item of items) sum += pick(item);
  return sum;
}
