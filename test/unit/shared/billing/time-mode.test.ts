import { describe, expect, it } from 'vitest';
import { makeEntry, onlyLine, settingsOf, statementOf, timeSettings } from './helpers';

// Rate 3600 c/h = 1 cent per second unless told otherwise.
describe('rounding scope', () => {
  it('rounds each entry on its own in entry scope', () => {
    // 61 → 120, 61 → 120: 240 s, 240 c
    const settings = timeSettings({ roundingUnitSeconds: 60, roundingScope: 'entry' });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 61, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 61, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([120, 120]);
    expect(statement.totalCents).toBe(240);
  });

  it('rounds the sum of a day × task type group once in day-task scope', () => {
    // 61 + 61 = 122 → 180 s; split 1:1 → 90 s and 90 c each; total 180 c instead of 240
    const settings = timeSettings({ roundingUnitSeconds: 60, roundingScope: 'day-task' });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 61, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 61, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([90, 90]);
    expect(statement.lines.map((l) => l.baseAmountCents)).toEqual([90, 90]);
    expect(statement.totalCents).toBe(180);
  });

  it('splits a group amount so that its lines add up to the cent', () => {
    // 3 × 10 s = 30 s → 60 s; 60 s × 3000 / 3600 = 50 c; seconds 20/20/20;
    // cents 50 / 3 = 16,67 → 16,16,16 + 2 left to the earliest lines → 17,17,16
    const settings = timeSettings({ hourlyRateCents: 3000, roundingUnitSeconds: 60, roundingScope: 'day-task' });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 10, at: '2026-03-02T09:00:00' }),
      makeEntry({ durationSeconds: 10, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 10, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([20, 20, 20]);
    expect(statement.lines.map((l) => l.baseAmountCents)).toEqual([17, 17, 16]);
    expect(statement.subtotals.timeCents).toBe(50);
  });

  it("splits billed seconds in proportion to each line's time", () => {
    // 100 + 200 = 300 s → 900 s (15 min up); 900 × 100/300 = 300, 900 × 200/300 = 600
    const settings = timeSettings({ roundingUnitSeconds: 900, roundingScope: 'day-task' });
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'admin', durationSeconds: 100, at: '2026-03-02T09:00:00' }),
      makeEntry({ taskType: 'admin', durationSeconds: 200, at: '2026-03-02T10:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([300, 600]);
    expect(statement.totalCents).toBe(900);
  });

  it('keeps different task types of one day in separate groups', () => {
    // call 30 → 60; admin 30 → 60 (one group would be 60 → 60): 120 c
    const settings = timeSettings({ roundingUnitSeconds: 60, roundingScope: 'day-task' });
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'call', durationSeconds: 30 }),
      makeEntry({ taskType: 'admin', durationSeconds: 30, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.totalCents).toBe(120);
  });

  it('groups by the local day, not the UTC day', () => {
    // 23:50 (22:50Z) and 00:10 next day (23:10Z) share a UTC day but not a Paris day:
    // two groups of 30 s → 60 + 60 = 120 c
    const settings = timeSettings({ roundingUnitSeconds: 60, roundingScope: 'day-task' });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 30, at: '2026-03-10T23:50:00' }),
      makeEntry({ durationSeconds: 30, at: '2026-03-11T00:10:00' }),
    ]);
    expect(statement.lines.map((l) => l.localDate)).toEqual(['2026-03-10', '2026-03-11']);
    expect(statement.totalCents).toBe(120);
  });
});

describe('per-call rules', () => {
  it('raises a call under the minimum to the minimum', () => {
    // 20 s < 60 s minimum → 60 s; unit 1 → 60 c
    const settings = timeSettings({ roundingUnitSeconds: 1, minimumPerCallSeconds: 60 });
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 20 })]));
    expect(line.chargeableSeconds).toBe(60);
    expect(line.billedSeconds).toBe(60);
  });

  it('leaves a call above the minimum as measured', () => {
    // 90 s ≥ 60 s → 90 s
    const settings = timeSettings({ roundingUnitSeconds: 1, minimumPerCallSeconds: 60 });
    expect(onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 90 })])).billedSeconds).toBe(90);
  });

  it('applies the minimum before rounding', () => {
    // 20 s → minimum 45 s → rounded up per minute → 60 s
    const settings = timeSettings({ roundingUnitSeconds: 60, minimumPerCallSeconds: 45 });
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 20 })]));
    expect([line.chargeableSeconds, line.billedSeconds]).toEqual([45, 60]);
  });

  it('bills a call shorter than the free threshold nothing', () => {
    // 9 s < 10 s → free: 0 s, 0 c
    const settings = timeSettings({ roundingUnitSeconds: 60, freeUnderSeconds: 10 });
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 9 })]));
    expect(line.freeShortCall).toBe(true);
    expect([line.billedSeconds, line.amountCents]).toEqual([0, 0]);
  });

  it('bills a call of exactly the free threshold', () => {
    // 10 s is not under 10 s → rounded up to 60 s → 60 c
    const settings = timeSettings({ roundingUnitSeconds: 60, freeUnderSeconds: 10 });
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 10 })]));
    expect(line.freeShortCall).toBe(false);
    expect(line.amountCents).toBe(60);
  });

  it('checks the free threshold before the minimum', () => {
    // free under 10 s, minimum 60 s: 5 s → free (not raised to 60); 15 s → 60 s
    const settings = timeSettings({ roundingUnitSeconds: 1, freeUnderSeconds: 10, minimumPerCallSeconds: 60 });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 5, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 15, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([0, 60]);
  });

  it('applies per-call rules to outgoing calls but not to other work', () => {
    // free under 10 s, minimum 60 s, unit 1: outgoing call 5 s → 0; admin 5 s → 5; typing by time 20 s → 20
    const settings = timeSettings({ roundingUnitSeconds: 1, freeUnderSeconds: 10, minimumPerCallSeconds: 60 });
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'outgoing-call', durationSeconds: 5, at: '2026-03-02T09:00:00' }),
      makeEntry({ taskType: 'admin', durationSeconds: 5, at: '2026-03-02T10:00:00' }),
      makeEntry({ taskType: 'data-entry', durationSeconds: 20, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([0, 5, 20]);
  });

  it('applies per-call rules before grouping in day-task scope', () => {
    // free under 10, minimum 30, unit 60 up: 5 s → 0, 20 s → 30, 40 s → 40; group 70 → 120 s
    // split 120 over 0:30:40 → 0, 51,43 → 51, 68,57 → 69 (largest remainder 0,57) — 0 + 51 + 69 = 120
    const settings = timeSettings({
      roundingUnitSeconds: 60,
      roundingScope: 'day-task',
      freeUnderSeconds: 10,
      minimumPerCallSeconds: 30,
    });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 5, at: '2026-03-02T09:00:00' }),
      makeEntry({ durationSeconds: 20, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 40, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.billedSeconds)).toEqual([0, 51, 69]);
    expect(statement.totalCents).toBe(120);
  });
});

describe('what time mode covers', () => {
  it('keeps actual and billed time side by side', () => {
    // 61 → 120 and 125 → 180: actual 186 s, billed 300 s
    const settings = timeSettings({ roundingUnitSeconds: 60 });
    const statement = statementOf(settings, [
      makeEntry({ durationSeconds: 61, at: '2026-03-02T10:00:00' }),
      makeEntry({ durationSeconds: 125, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.time).toEqual({ actualSeconds: 186, billedSeconds: 300 });
    expect(statement.lines[0]?.unitPriceCents).toBe(3600);
  });

  it('leaves a task type outside the time list unpriced', () => {
    const settings = timeSettings({ taskTypes: ['admin'] });
    const line = onlyLine(statementOf(settings, [makeEntry({ taskType: 'call', durationSeconds: 600 })]));
    expect([line.mode, line.amountCents]).toEqual(['unpriced', 0]);
  });

  it('bills nothing by time when time mode is off', () => {
    const settings = settingsOf({ time: { enabled: false } });
    const statement = statementOf(settings, [makeEntry({ durationSeconds: 600 })]);
    expect(onlyLine(statement).mode).toBe('unpriced');
    expect(statement.totalCents).toBe(0);
  });
});
