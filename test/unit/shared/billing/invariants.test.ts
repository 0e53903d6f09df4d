import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  ROUNDING_UNITS_SECONDS,
  TASK_TYPES,
  type BillingSettingsInput,
  type TaskType,
} from '../../../../shared/domain/billing/billing-settings';
import type { BillableEntry } from '../../../../shared/domain/billing/entries';
import { monthPeriod } from '../../../../shared/domain/billing/compute-month';
import { roundSeconds } from '../../../../shared/domain/billing/rounding';
import { PARIS, settingsOf, statementOf } from './helpers';

/** mulberry32: a tiny seeded PRNG so a failure replays identically. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const chance = (p: number) => next() < p;
  const subset = <T>(items: readonly T[]) => items.filter(() => chance(0.5));
  return { int, pick, chance, subset };
}

type Rng = ReturnType<typeof prng>;
const MONTHS = ['2026-01', '2026-03', '2026-04', '2026-10', '2026-12', '2027-02'];

function randomSettings(r: Rng) {
  const supplement = () =>
    r.chance(0.5)
      ? { type: 'percent' as const, basisPoints: r.int(0, 10000) }
      : { type: 'fixed' as const, cents: r.int(0, 3000) };
  const majorations: NonNullable<BillingSettingsInput['majorations']> = [];
  if (r.chance(0.6))
    majorations.push({ id: 'we', label: 'WE', kind: 'weekday', weekdays: [6, 7], supplement: supplement() });
  if (r.chance(0.6))
    majorations.push({
      id: 'soir',
      label: 'Soir',
      kind: 'time-window',
      from: `${r.int(17, 22)}:00`,
      to: `0${r.int(6, 9)}:30`,
      supplement: supplement(),
    });
  if (r.chance(0.6))
    majorations.push({
      id: 'ferie',
      label: 'Férié',
      kind: 'public-holiday',
      supplement: supplement(),
      taskTypes: r.subset(TASK_TYPES),
    });
  if (r.chance(0.6)) majorations.push({ id: 'urg', label: 'Urgence', kind: 'urgent', supplement: supplement() });
  const prices: Partial<Record<TaskType, number>> = {};
  for (const t of r.subset(TASK_TYPES)) prices[t] = r.int(0, 2000);
  return settingsOf({
    time: {
      enabled: r.chance(0.8),
      hourlyRateCents: r.int(1500, 6000),
      roundingUnitSeconds: r.pick(ROUNDING_UNITS_SECONDS),
      roundingDirection: r.pick(['up', 'nearest', 'down'] as const),
      roundingScope: r.pick(['entry', 'day-task'] as const),
      minimumPerCallSeconds: r.pick([0, 30, 60]),
      freeUnderSeconds: r.pick([0, 5, 10]),
      taskTypes: r.subset(TASK_TYPES),
    },
    perTask: { unitPriceCents: prices },
    forfait: {
      enabled: r.chance(0.5),
      monthlyFeeCents: r.int(0, 20000),
      quotaUnit: r.pick(['calls', 'minutes', 'tasks'] as const),
      includedQuantity: r.int(0, 30),
      overagePriceCents: r.int(0, 300),
      taskTypes: r.subset(TASK_TYPES),
    },
    majorations,
    holidayRegion: r.pick(['FR', 'FR-alsace-moselle'] as const),
  });
}

function randomEntries(r: Rng, month: string): BillableEntry[] {
  const { start, end } = monthPeriod(month, PARIS);
  const margin = 2 * 86_400_000;
  return Array.from({ length: r.int(0, 60) }, (_, i) => ({
    id: `r${i}`,
    startedAt: r.int(start - margin, end + margin),
    durationSeconds: r.chance(0.2) ? r.int(0, 20) : r.int(0, 4000),
    taskType: r.pick(TASK_TYPES),
    quantity: r.int(0, 6),
    billable: r.chance(0.9),
    urgent: r.chance(0.2),
    label: 'x',
    source: r.pick(['call', 'manual', 'timer', 'import'] as const),
  }));
}

describe('statement invariants on random months (seeded)', () => {
  it('always adds up: lines + majoration lines + forfait = total, to the cent', () => {
    const r = prng(20260301);
    for (let run = 0; run < 300; run += 1) {
      const month = r.pick(MONTHS);
      const settings = randomSettings(r);
      const entries = randomEntries(r, month);
      const s = statementOf(settings, entries, month);
      const context = `run ${run}`;

      const bases = s.lines.reduce((sum, l) => sum + l.baseAmountCents, 0);
      const majorations = s.majorationLines.reduce((sum, m) => sum + m.amountCents, 0);
      const forfait = s.forfait?.totalCents ?? 0;
      expect(bases + majorations + forfait, context).toBe(s.totalCents);
      expect(s.lines.reduce((sum, l) => sum + l.amountCents, 0) + forfait, context).toBe(s.totalCents);
      for (const l of s.lines) {
        expect(Number.isInteger(l.amountCents) && l.amountCents >= 0, context).toBe(true);
        expect(l.amountCents, context).toBe(l.baseAmountCents + l.majorations.reduce((a, m) => a + m.amountCents, 0));
      }
      expect(s.lines.length + s.excluded.outsideMonth + s.excluded.nonBillable, context).toBe(entries.length);

      // Rounding: per entry, each line is a multiple of the unit; per group, the group sum is rounded once.
      const { roundingUnitSeconds: unit, roundingDirection: direction, roundingScope } = settings.time;
      const timed = s.lines.filter((l) => l.mode === 'time');
      const groups = new Map<string, { chargeable: number; billed: number }>();
      for (const l of timed) {
        const key = roundingScope === 'entry' ? l.entryId : `${l.localDate}|${l.taskType}`;
        const g = groups.get(key) ?? { chargeable: 0, billed: 0 };
        g.chargeable += l.chargeableSeconds ?? 0;
        g.billed += l.billedSeconds ?? 0;
        groups.set(key, g);
      }
      for (const g of groups.values()) expect(g.billed, context).toBe(roundSeconds(g.chargeable, unit, direction));

      // The order of the input does not change the statement.
      const reversed = statementOf(settings, [...entries].reverse(), month);
      expect(reversed.totalCents, context).toBe(s.totalCents);
      expect(
        reversed.lines.map((l) => l.entryId),
        context,
      ).toEqual(s.lines.map((l) => l.entryId));
    }
  });
});

describe('local day and time of each line', () => {
  it.each(['Europe/Paris', 'Indian/Reunion', 'America/Martinique', 'Asia/Kathmandu', 'Australia/Lord_Howe'])(
    'match luxon for random instants in %s, DST days included',
    (zone) => {
      const r = prng(7);
      for (const month of ['2026-03', '2026-04', '2026-10']) {
        const { start, end } = monthPeriod(month, zone);
        const entries: BillableEntry[] = Array.from({ length: 400 }, (_, i) => ({
          id: `z${i}`,
          startedAt: r.int(start, end - 1),
          durationSeconds: 60,
          taskType: 'call',
          quantity: 1,
          billable: true,
          urgent: false,
          label: '',
          source: 'call',
        }));
        for (const line of statementOf(settingsOf(), entries, month, zone).lines) {
          const local = DateTime.fromMillis(line.startedAt, { zone });
          expect(`${line.localDate} ${line.localTime}`).toBe(local.toFormat('yyyy-MM-dd HH:mm:ss'));
        }
      }
    },
  );
});
