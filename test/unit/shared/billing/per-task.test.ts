import { describe, expect, it } from 'vitest';
import { TASK_TYPES, type TaskType } from '../../../../shared/domain/billing/billing-settings';
import { makeEntry, onlyLine, settingsOf, statementOf } from './helpers';

// One distinct price per task type so a mix-up shows.
const PRICES: Record<TaskType, number> = {
  call: 120,
  message: 80,
  appointment: 250,
  'outgoing-call': 150,
  mail: 300,
  'typing-page': 350,
  'data-entry': 90,
  filing: 60,
  reminder: 110,
  admin: 700,
  other: 500,
};

describe('à la tâche', () => {
  it.each(TASK_TYPES.map((t) => [t, PRICES[t]] as const))(
    'bills %s at its unit price × quantity',
    (taskType, price) => {
      // quantity 3 × price; duration plays no part
      const settings = settingsOf({ time: { enabled: false }, perTask: { unitPriceCents: PRICES } });
      const line = onlyLine(statementOf(settings, [makeEntry({ taskType, quantity: 3, durationSeconds: 999 })]));
      expect(line.mode).toBe('per-task');
      expect([line.billedQuantity, line.unitPriceCents]).toEqual([3, price]);
      expect(line.baseAmountCents).toBe(3 * price);
      expect(line.billedSeconds).toBeNull();
    },
  );

  it('bills typed pages by page count', () => {
    // 4 pages × 3,50 € + 1 page × 3,50 € = 17,50 €
    const settings = settingsOf({ perTask: { unitPriceCents: { 'typing-page': 350 } } });
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'typing-page', quantity: 4, at: '2026-03-02T10:00:00' }),
      makeEntry({ taskType: 'typing-page', quantity: 1, at: '2026-03-03T10:00:00' }),
    ]);
    expect(statement.subtotals.perTaskCents).toBe(1750);
    expect(statement.totalCents).toBe(1750);
  });

  it('bills a quantity of zero nothing', () => {
    const settings = settingsOf({ perTask: { unitPriceCents: { mail: 300 } } });
    expect(onlyLine(statementOf(settings, [makeEntry({ taskType: 'mail', quantity: 0 })])).amountCents).toBe(0);
  });

  it('lets a unit price win over time mode for the same task type', () => {
    // time mode covers calls by default, but calls have a price: 2 calls × 1,20 € = 2,40 €
    const settings = settingsOf({ time: { enabled: true }, perTask: { unitPriceCents: { call: 120 } } });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 600, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 600, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.every((l) => l.mode === 'per-task')).toBe(true);
    expect(statement.totalCents).toBe(240);
    expect(statement.subtotals.timeCents).toBe(0);
  });

  it('treats a price of zero as a free task, not as a missing price', () => {
    const settings = settingsOf({ time: { enabled: true }, perTask: { unitPriceCents: { message: 0 } } });
    const line = onlyLine(statementOf(settings, [makeEntry({ taskType: 'message', durationSeconds: 300 })]));
    expect([line.mode, line.amountCents]).toEqual(['per-task', 0]);
  });

  it('leaves typed pages unpriced under the default settings', () => {
    // defaults: time mode for everything but pages, no unit price
    const line = onlyLine(statementOf(settingsOf(), [makeEntry({ taskType: 'typing-page', quantity: 5 })]));
    expect([line.mode, line.amountCents]).toEqual(['unpriced', 0]);
  });
});
