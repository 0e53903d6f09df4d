import { describe, expect, it } from 'vitest';
import {
  distributeProportionally,
  divideRoundingHalfUp,
  roundSeconds,
} from '../../../../shared/domain/billing/rounding';
import { makeEntry, onlyLine, statementOf, timeSettings } from './helpers';

// Rate 3600 c/h = 1 cent per second: each expected amount equals the billed seconds.
describe('rounding units and directions, per entry', () => {
  it.each([
    // unit, direction, actual → billed: arithmetic in the comment column
    [1, 'up', 61, 61], // 61 is a multiple of 1
    [1, 'nearest', 61, 61],
    [1, 'down', 61, 61],
    [6, 'up', 62, 66], // 62 = 10×6 + 2 → 11×6
    [6, 'nearest', 62, 60], // remainder 2 < 3 → 10×6
    [6, 'nearest', 63, 66], // remainder 3 = half → up
    [6, 'down', 65, 60], // 65 = 10×6 + 5 → 10×6
    [30, 'up', 61, 90], // 61 = 2×30 + 1 → 3×30
    [30, 'nearest', 74, 60], // remainder 14 < 15
    [30, 'nearest', 75, 90], // remainder 15 = half → up
    [30, 'down', 89, 60], // remainder 29 dropped
    [60, 'up', 61, 120], // started minute
    [60, 'nearest', 89, 60], // 29 s < 30 s
    [60, 'nearest', 90, 120], // 30 s = half → up
    [60, 'down', 119, 60],
    [300, 'up', 301, 600], // 5 min + 1 s → 10 min
    [300, 'nearest', 449, 300], // remainder 149 < 150
    [300, 'nearest', 450, 600], // remainder 150 = half → up
    [300, 'down', 599, 300],
    [900, 'up', 901, 1800], // 15 min + 1 s → 30 min
    [900, 'nearest', 1349, 900], // remainder 449 < 450
    [900, 'nearest', 1350, 1800], // remainder 450 = half → up
    [900, 'down', 1799, 900],
  ] as const)('bills %i-second units rounded %s: %i s → %i s', (unit, direction, actual, billed) => {
    const settings = timeSettings({ roundingUnitSeconds: unit, roundingDirection: direction });
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: actual })]));
    expect(line.actualSeconds).toBe(actual);
    expect(line.billedSeconds).toBe(billed);
    expect(line.baseAmountCents).toBe(billed);
  });

  it('leaves an exact multiple untouched in every direction', () => {
    // 120 s is 2 minutes exactly
    for (const direction of ['up', 'nearest', 'down'] as const) {
      const settings = timeSettings({ roundingUnitSeconds: 60, roundingDirection: direction });
      expect(onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 120 })])).billedSeconds).toBe(120);
    }
  });

  it('can bill nothing when rounding a short call down', () => {
    // 20 s, minute rounded down → 0 s → 0 cents
    const settings = timeSettings({ roundingUnitSeconds: 60, roundingDirection: 'down' });
    const statement = statementOf(settings, [makeEntry({ durationSeconds: 20 })]);
    expect(onlyLine(statement).billedSeconds).toBe(0);
    expect(statement.totalCents).toBe(0);
  });
});

describe('money at a real hourly rate', () => {
  it('bills a 61-second call as 2 minutes at 30 €/h when rounding up per minute', () => {
    // 120 s × 3000 c / 3600 s = 100 c exactly
    const settings = timeSettings({ hourlyRateCents: 3000, roundingUnitSeconds: 60 });
    expect(onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 61 })])).baseAmountCents).toBe(100);
  });

  it('rounds half a cent up', () => {
    // 3 s × 3000 / 3600 = 2,5 c → 3 c
    const settings = timeSettings({ hourlyRateCents: 3000, roundingUnitSeconds: 1 });
    expect(onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 3 })])).baseAmountCents).toBe(3);
  });

  it('rounds less than half a cent down', () => {
    // 4 s × 2000 / 3600 = 2,22 c → 2 c
    const settings = timeSettings({ hourlyRateCents: 2000, roundingUnitSeconds: 1 });
    expect(onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 4 })])).baseAmountCents).toBe(2);
  });
});

describe('integer helpers', () => {
  it('rounds half up on integers', () => {
    expect(divideRoundingHalfUp(5, 2)).toBe(3); // 2,5 → 3
    expect(divideRoundingHalfUp(7, 3)).toBe(2); // 2,33 → 2
    expect(divideRoundingHalfUp(0, 7)).toBe(0);
  });

  it('rounds seconds the same way computeMonth does', () => {
    expect(roundSeconds(0, 60, 'up')).toBe(0); // nothing to round
    expect(roundSeconds(1, 900, 'up')).toBe(900);
  });

  it('splits a total by largest remainder, ties to the earlier part', () => {
    // 50 over 1:1:1 → 16,67 each → floors 16,16,16 (48), the 2 left go to the first two
    expect(distributeProportionally(50, [1, 1, 1])).toEqual([17, 17, 16]);
    // 10 over 1:2:3 → 1,67 / 3,33 / 5 → 1,3,5 (9), the 1 left to the largest remainder (0,67)
    expect(distributeProportionally(10, [1, 2, 3])).toEqual([2, 3, 5]);
    // all weights zero → even split
    expect(distributeProportionally(5, [0, 0])).toEqual([3, 2]);
    expect(distributeProportionally(7, [])).toEqual([]);
  });
});
