import { describe, expect, it } from 'vitest';
import { computeMonth, monthPeriod } from '../../../../shared/domain/billing/compute-month';
import { makeEntry, onlyLine, PARIS, settingsOf, statementOf, timeSettings } from './helpers';

describe('month boundaries in Europe/Paris', () => {
  it('places the month between two local midnights (winter offset +01:00)', () => {
    // 1 Jan 2026 00:00 Paris = 31 Dec 2025 23:00Z; 1 Feb 00:00 Paris = 31 Jan 23:00Z
    expect(monthPeriod('2026-01', PARIS)).toEqual({
      start: Date.UTC(2025, 11, 31, 23),
      end: Date.UTC(2026, 0, 31, 23),
    });
  });

  it('ends March at 22:00Z because the clocks went forward during the month', () => {
    // 1 Mar 00:00 CET = 28 Feb 23:00Z; 1 Apr 00:00 CEST = 31 Mar 22:00Z
    expect(monthPeriod('2026-03', PARIS)).toEqual({
      start: Date.UTC(2026, 1, 28, 23),
      end: Date.UTC(2026, 2, 31, 22),
    });
  });

  it('bills 31 January 23:30 local (22:30Z) in January, not February', () => {
    const entry = makeEntry({ startedAt: Date.UTC(2026, 0, 31, 22, 30) });
    const january = statementOf(timeSettings(), [entry], '2026-01');
    const february = statementOf(timeSettings(), [entry], '2026-02');
    expect(onlyLine(january).localDate).toBe('2026-01-31');
    expect(february.lines).toEqual([]);
    expect(february.excluded.outsideMonth).toBe(1);
  });

  it('bills 31 January 23:00Z (1 February 00:00 local) in February', () => {
    const entry = makeEntry({ startedAt: Date.UTC(2026, 0, 31, 23, 0) });
    expect(statementOf(timeSettings(), [entry], '2026-01').lines).toEqual([]);
    expect(onlyLine(statementOf(timeSettings(), [entry], '2026-02')).localTime).toBe('00:00:00');
  });

  it('bills a call begun at 23:59:30 on the last day wholly in that month', () => {
    // 120 s call from 31 Jan 23:59:30 to 1 Feb 00:01:30: 120 s per second = 120 c in January
    const entry = makeEntry({ at: '2026-01-31T23:59:30', durationSeconds: 120 });
    const january = statementOf(timeSettings({ roundingUnitSeconds: 1 }), [entry], '2026-01');
    expect(onlyLine(january).billedSeconds).toBe(120);
    expect(january.totalCents).toBe(120);
  });

  it('bills 31 March 23:30 CEST (21:30Z) in March and 22:00Z in April', () => {
    const lastOfMarch = makeEntry({ startedAt: Date.UTC(2026, 2, 31, 21, 30) });
    const firstOfApril = makeEntry({ startedAt: Date.UTC(2026, 2, 31, 22, 0) });
    const march = statementOf(timeSettings(), [lastOfMarch, firstOfApril], '2026-03');
    expect(march.lines.map((l) => l.entryId)).toEqual([lastOfMarch.id]);
    const april = statementOf(timeSettings(), [lastOfMarch, firstOfApril], '2026-04');
    expect(april.lines.map((l) => l.entryId)).toEqual([firstOfApril.id]);
  });

  it("reads the month in the firm's own zone (La Réunion, +04:00)", () => {
    // 31 Jan 21:30Z is 22:30 in Paris (January) but 1 Feb 01:30 in Saint-Denis (February)
    const entry = makeEntry({ startedAt: Date.UTC(2026, 0, 31, 21, 30) });
    expect(statementOf(timeSettings(), [entry], '2026-01', PARIS).lines).toHaveLength(1);
    const reunion = statementOf(timeSettings(), [entry], '2026-02', 'Indian/Reunion');
    expect(onlyLine(reunion).localDate).toBe('2026-02-01');
    expect(reunion.timeZone).toBe('Indian/Reunion');
  });

  it.each(['2026-13', '2026-3', '26-03', ''])('refuses the month %j', (month) => {
    expect(() => computeMonth({ settings: settingsOf(), timeZone: PARIS, month, entries: [] })).toThrow(RangeError);
  });

  it('refuses an unknown time zone', () => {
    expect(() =>
      computeMonth({ settings: settingsOf(), timeZone: 'Europe/Nowhere', month: '2026-03', entries: [] }),
    ).toThrow(RangeError);
  });
});

describe('daylight saving days', () => {
  it('keeps a call across the spring-forward change at its measured length', () => {
    // 29 Mar 2026 01:30 CET (00:30Z), 3600 s: ends 03:30 CEST, two wall-clock hours later, but bills 3600 s
    const entry = makeEntry({ startedAt: Date.UTC(2026, 2, 29, 0, 30), durationSeconds: 3600 });
    const line = onlyLine(statementOf(timeSettings({ roundingUnitSeconds: 60 }), [entry]));
    expect([line.localDate, line.localTime, line.billedSeconds]).toEqual(['2026-03-29', '01:30:00', 3600]);
  });

  it('puts both sides of the spring-forward hour on the same local day and group', () => {
    // 00:30Z = 01:30 CET and 01:30Z = 03:30 CEST; 30 s + 30 s grouped → 60 s (per entry it would be 120)
    const settings = timeSettings({ roundingUnitSeconds: 60, roundingScope: 'day-task' });
    const statement = statementOf(settings, [
      makeEntry({ startedAt: Date.UTC(2026, 2, 29, 0, 30), durationSeconds: 30 }),
      makeEntry({ startedAt: Date.UTC(2026, 2, 29, 1, 30), durationSeconds: 30 }),
    ]);
    expect(statement.lines.map((l) => l.localTime)).toEqual(['01:30:00', '03:30:00']);
    expect(statement.totalCents).toBe(60);
  });

  it('supplements both 02:30 calls of the fall-back night in a 02:00–03:00 window', () => {
    // 25 Oct 2026: 00:30Z = 02:30 CEST, 01:30Z = 02:30 CET; each 10 € call + 2 € fixed → 2400
    const settings = settingsOf({
      time: { enabled: false },
      perTask: { unitPriceCents: { call: 1000 } },
      majorations: [
        {
          id: 'nuit',
          label: 'Nuit',
          kind: 'time-window',
          from: '02:00',
          to: '03:00',
          supplement: { type: 'fixed', cents: 200 },
        },
      ],
    });
    const statement = statementOf(
      settings,
      [makeEntry({ startedAt: Date.UTC(2026, 9, 25, 0, 30) }), makeEntry({ startedAt: Date.UTC(2026, 9, 25, 1, 30) })],
      '2026-10',
    );
    expect(statement.lines.map((l) => `${l.localDate} ${l.localTime}`)).toEqual([
      '2026-10-25 02:30:00',
      '2026-10-25 02:30:00',
    ]);
    expect(statement.majorationLines[0]).toMatchObject({ lineCount: 2, amountCents: 400 });
    expect(statement.totalCents).toBe(2400);
  });

  it('keeps the 25-hour fall-back day whole in October', () => {
    // 25 Oct 23:30 CET = 22:30Z is still 25 October; October ends 31 Oct 23:00Z
    const entry = makeEntry({ startedAt: Date.UTC(2026, 9, 25, 22, 30) });
    expect(onlyLine(statementOf(timeSettings(), [entry], '2026-10')).localDate).toBe('2026-10-25');
    expect(monthPeriod('2026-10', PARIS).end).toBe(Date.UTC(2026, 9, 31, 23));
  });
});
