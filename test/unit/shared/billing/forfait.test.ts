import { describe, expect, it } from 'vitest';
import type { BillingSettingsInput } from '../../../../shared/domain/billing/billing-settings';
import { makeEntry, onlyLine, settingsOf, statementOf } from './helpers';

function forfaitSettings(forfait: NonNullable<BillingSettingsInput['forfait']>, rest: BillingSettingsInput = {}) {
  return settingsOf({ time: { enabled: false }, ...rest, forfait: { enabled: true, ...forfait } });
}

/** n entries on distinct days of March 2026, each built by `make`. */
function monthOf(n: number, make: (at: string) => ReturnType<typeof makeEntry>) {
  return Array.from({ length: n }, (_, i) => make(`2026-03-${String(i + 2).padStart(2, '0')}T10:00:00`));
}

describe('forfait counted in calls', () => {
  // 99 € per month, 3 calls included, 1,50 € per extra call
  const settings = forfaitSettings({
    monthlyFeeCents: 9900,
    quotaUnit: 'calls',
    includedQuantity: 3,
    overagePriceCents: 150,
  });

  it('charges the fee alone under the quota', () => {
    // 2 calls ≤ 3 → 9900
    const statement = statementOf(
      settings,
      monthOf(2, (at) => makeEntry({ at })),
    );
    expect(statement.forfait).toMatchObject({ usedQuantity: 2, remainingQuantity: 1, overageQuantity: 0 });
    expect(statement.totalCents).toBe(9900);
  });

  it('charges the fee alone at the quota', () => {
    // 3 calls = 3 → 9900
    const statement = statementOf(
      settings,
      monthOf(3, (at) => makeEntry({ at })),
    );
    expect(statement.forfait).toMatchObject({ usedQuantity: 3, remainingQuantity: 0, overageQuantity: 0 });
    expect(statement.totalCents).toBe(9900);
  });

  it('charges each call beyond the quota', () => {
    // 5 calls − 3 = 2 × 150 = 300 → 9900 + 300 = 10200
    const statement = statementOf(
      settings,
      monthOf(5, (at) => makeEntry({ at })),
    );
    expect(statement.forfait).toMatchObject({ overageQuantity: 2, overageAmountCents: 300, totalCents: 10200 });
    expect(statement.totalCents).toBe(10200);
  });

  it('shows forfait calls as lines at 0 that count one call each', () => {
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 900 })]));
    expect([line.mode, line.billedQuantity, line.amountCents]).toEqual(['forfait', 1, 0]);
  });

  it('does not count non-billable calls toward the quota', () => {
    // 4 calls of which 2 non-billable → 2 used
    const entries = monthOf(4, (at) => makeEntry({ at }));
    entries[0]!.billable = false;
    entries[1]!.billable = false;
    const statement = statementOf(settings, entries);
    expect(statement.forfait?.usedQuantity).toBe(2);
    expect(statement.excluded.nonBillable).toBe(2);
  });
});

describe('forfait counted in minutes', () => {
  // 60 € per month, 10 minutes included, 0,90 € per started minute beyond
  const settings = forfaitSettings({
    monthlyFeeCents: 6000,
    quotaUnit: 'minutes',
    includedQuantity: 10,
    overagePriceCents: 90,
  });

  it('charges the fee alone under the quota', () => {
    // 2 × 240 s = 480 s = 8 min ≤ 10
    const statement = statementOf(
      settings,
      monthOf(2, (at) => makeEntry({ at, durationSeconds: 240 })),
    );
    expect(statement.forfait).toMatchObject({ usedSeconds: 480, usedQuantity: 8, overageQuantity: 0 });
    expect(statement.totalCents).toBe(6000);
  });

  it('charges the fee alone at the quota', () => {
    // 2 × 300 s = 600 s = 10 min exactly
    const statement = statementOf(
      settings,
      monthOf(2, (at) => makeEntry({ at, durationSeconds: 300 })),
    );
    expect(statement.forfait).toMatchObject({ usedQuantity: 10, overageQuantity: 0, totalCents: 6000 });
  });

  it('charges every started minute beyond the quota', () => {
    // 300 + 301 = 601 s → 11 started minutes → 1 over × 90 = 90 → 6090
    const statement = statementOf(settings, [
      makeEntry({ at: '2026-03-02T10:00:00', durationSeconds: 300 }),
      makeEntry({ at: '2026-03-03T10:00:00', durationSeconds: 301 }),
    ]);
    expect(statement.forfait).toMatchObject({ usedQuantity: 11, overageQuantity: 1, overageAmountCents: 90 });
    expect(statement.totalCents).toBe(6090);
  });

  it('counts started minutes on the month total, not call by call', () => {
    // 11 calls of 61 s = 671 s → ceil(671 / 60) = 12 min (call by call it would be 22) → 2 over → 180
    const statement = statementOf(
      settings,
      monthOf(11, (at) => makeEntry({ at, durationSeconds: 61 })),
    );
    expect(statement.forfait).toMatchObject({ usedQuantity: 12, overageQuantity: 2, overageAmountCents: 180 });
    expect(statement.totalCents).toBe(6180);
  });
});

describe('forfait counted in tasks', () => {
  // 40 € per month, 5 tasks included, 2 € per extra task; messages and appointments count
  const settings = forfaitSettings({
    monthlyFeeCents: 4000,
    quotaUnit: 'tasks',
    includedQuantity: 5,
    overagePriceCents: 200,
    taskTypes: ['message', 'appointment'],
  });

  it('charges the fee alone under the quota', () => {
    // 2 messages + 1 RDV = 3 ≤ 5
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'message', at: '2026-03-02T10:00:00' }),
      makeEntry({ taskType: 'message', at: '2026-03-02T11:00:00' }),
      makeEntry({ taskType: 'appointment', at: '2026-03-02T12:00:00' }),
    ]);
    expect(statement.forfait).toMatchObject({ usedQuantity: 3, overageQuantity: 0 });
    expect(statement.totalCents).toBe(4000);
  });

  it('charges the fee alone at the quota, counting quantities', () => {
    // message ×2 + message ×1 + RDV ×2 = 5
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'message', quantity: 2, at: '2026-03-02T10:00:00' }),
      makeEntry({ taskType: 'message', quantity: 1, at: '2026-03-02T11:00:00' }),
      makeEntry({ taskType: 'appointment', quantity: 2, at: '2026-03-02T12:00:00' }),
    ]);
    expect(statement.forfait).toMatchObject({ usedQuantity: 5, overageQuantity: 0, totalCents: 4000 });
  });

  it('charges each task beyond the quota', () => {
    // 4 + 3 = 7 − 5 = 2 × 200 = 400 → 4400
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'message', quantity: 4, at: '2026-03-02T10:00:00' }),
      makeEntry({ taskType: 'appointment', quantity: 3, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.forfait).toMatchObject({ usedQuantity: 7, overageQuantity: 2, overageAmountCents: 400 });
    expect(statement.totalCents).toBe(4400);
  });

  it('leaves task types outside the forfait to the other modes', () => {
    // a call is not counted: with no price and time off it is unpriced; used stays 0
    const statement = statementOf(settings, [makeEntry({ taskType: 'call' })]);
    expect(onlyLine(statement).mode).toBe('unpriced');
    expect(statement.forfait?.usedQuantity).toBe(0);
  });
});

describe('forfait and the other rules', () => {
  it('charges the monthly fee in a month without any entry', () => {
    const settings = forfaitSettings({ monthlyFeeCents: 9900 });
    const statement = statementOf(settings, []);
    expect(statement.forfait?.totalCents).toBe(9900);
    expect(statement.totalCents).toBe(9900);
  });

  it('reports no forfait when it is off', () => {
    expect(statementOf(settingsOf(), []).forfait).toBeNull();
  });

  it('takes precedence over a unit price for the same task type', () => {
    // calls in the forfait, a stray price for calls is ignored: fee only
    const settings = forfaitSettings(
      { monthlyFeeCents: 5000, includedQuantity: 10 },
      { perTask: { unitPriceCents: { call: 120 } } },
    );
    const statement = statementOf(settings, [makeEntry()]);
    expect(onlyLine(statement).mode).toBe('forfait');
    expect(statement.totalCents).toBe(5000);
  });

  it('adds a fixed majoration to a forfait call but no percentage of its zero base', () => {
    // urgent fixed 5 € → 500; Monday 25 % of 0 → nothing shown; total 3000 + 500
    const settings = forfaitSettings(
      { monthlyFeeCents: 3000, includedQuantity: 10 },
      {
        majorations: [
          { id: 'urgent', label: 'Urgence', kind: 'urgent', supplement: { type: 'fixed', cents: 500 } },
          {
            id: 'lundi',
            label: 'Lundi',
            kind: 'weekday',
            weekdays: [1],
            supplement: { type: 'percent', basisPoints: 2500 },
          },
        ],
      },
    );
    const statement = statementOf(settings, [makeEntry({ urgent: true })]);
    expect(onlyLine(statement).majorations).toEqual([{ ruleId: 'urgent', label: 'Urgence', amountCents: 500 }]);
    expect(statement.majorationLines.map((m) => m.ruleId)).toEqual(['urgent']);
    expect(statement.totalCents).toBe(3500);
  });
});
