import { describe, expect, it } from 'vitest';
import { makeEntry, settingsOf, statementOf } from './helpers';

describe('one firm combining the three modes', () => {
  // Forfait 120 € for calls (2 included, 2 € per extra call), typed pages 3,50 € each,
  // démarches administratives at 30 €/h per started quarter hour; urgent +10 €, weekend +25 %.
  const settings = settingsOf({
    forfait: {
      enabled: true,
      monthlyFeeCents: 12000,
      quotaUnit: 'calls',
      includedQuantity: 2,
      overagePriceCents: 200,
      taskTypes: ['call'],
    },
    perTask: { unitPriceCents: { 'typing-page': 350 } },
    time: {
      enabled: true,
      hourlyRateCents: 3000,
      roundingUnitSeconds: 900,
      roundingDirection: 'up',
      taskTypes: ['admin'],
    },
    majorations: [
      { id: 'urgent', label: 'Urgence', kind: 'urgent', supplement: { type: 'fixed', cents: 1000 } },
      {
        id: 'we',
        label: 'Week-end',
        kind: 'weekday',
        weekdays: [6, 7],
        supplement: { type: 'percent', basisPoints: 2500 },
      },
    ],
  });
  const entries = [
    makeEntry({ id: 'c1', at: '2026-03-02T10:00:00', durationSeconds: 120, urgent: true }), // forfait, +1000
    makeEntry({ id: 'c2', at: '2026-03-03T10:00:00', durationSeconds: 60 }), // forfait
    makeEntry({ id: 'c3', at: '2026-03-07T10:00:00', durationSeconds: 30 }), // forfait, Saturday: 25 % of 0
    makeEntry({ id: 't1', at: '2026-03-07T14:00:00', taskType: 'typing-page', quantity: 5 }), // 1750 + 437,5 → 438
    makeEntry({ id: 'a1', at: '2026-03-04T09:00:00', taskType: 'admin', durationSeconds: 1200 }), // 20 min → 30 min → 1500
    makeEntry({ id: 'a2', at: '2026-03-05T09:00:00', taskType: 'admin', durationSeconds: 3600, billable: false }),
    makeEntry({ id: 'o1', at: '2026-03-06T09:00:00', taskType: 'other', durationSeconds: 600 }), // unpriced
    makeEntry({ id: 'c4', at: '2026-04-01T00:10:00' }), // April
  ];
  const statement = statementOf(settings, entries);

  it('prices each entry with its own mode', () => {
    expect(statement.lines.map((l) => [l.entryId, l.mode, l.amountCents])).toEqual([
      ['c1', 'forfait', 1000],
      ['c2', 'forfait', 0],
      ['a1', 'time', 1500],
      ['o1', 'unpriced', 0],
      ['c3', 'forfait', 0],
      ['t1', 'per-task', 2188],
    ]);
  });

  it('counts three calls against two included', () => {
    // 3 − 2 = 1 × 200 → forfait 12000 + 200 = 12200
    expect(statement.forfait).toMatchObject({ usedQuantity: 3, overageQuantity: 1, totalCents: 12200 });
  });

  it('adds up the subtotals per mode to the total', () => {
    // forfait 12200 + pages 1750 + time 1500 + majorations (1000 + 438) = 16888
    expect(statement.subtotals).toEqual({
      forfaitCents: 12200,
      perTaskCents: 1750,
      timeCents: 1500,
      majorationsCents: 1438,
    });
    expect(statement.totalCents).toBe(16888);
  });

  it('lists majorations on their own lines', () => {
    expect(statement.majorationLines).toEqual([
      { ruleId: 'urgent', label: 'Urgence', kind: 'urgent', lineCount: 1, amountCents: 1000 },
      { ruleId: 'we', label: 'Week-end', kind: 'weekday', lineCount: 1, amountCents: 438 },
    ]);
  });

  it('leaves out the non-billable entry and the entry of another month', () => {
    expect(statement.excluded).toEqual({ outsideMonth: 1, nonBillable: 1 });
  });

  it('shows actual vs billed time for the time-mode work', () => {
    expect(statement.time).toEqual({ actualSeconds: 1200, billedSeconds: 1800 });
  });
});

describe('a month without entries', () => {
  it('bills nothing under the default settings', () => {
    const statement = statementOf(settingsOf(), []);
    expect(statement).toMatchObject({
      lines: [],
      majorationLines: [],
      forfait: null,
      totalCents: 0,
      time: { actualSeconds: 0, billedSeconds: 0 },
      excluded: { outsideMonth: 0, nonBillable: 0 },
    });
  });

  it('bills nothing when every entry is non-billable', () => {
    const statement = statementOf(settingsOf(), [makeEntry({ billable: false, durationSeconds: 3600 })]);
    expect(statement.lines).toEqual([]);
    expect(statement.totalCents).toBe(0);
  });
});
