import { DateTime } from 'luxon';
import { validateImport } from '../../../shared/domain/timesheet-import';
import { createWallClock, wallClockElapsed } from '../../../shared/domain/wall-clock';

const PARIS = 'Europe/Paris';
const clock = createWallClock(PARIS);

describe('wall-clock time across daylight-saving changes', () => {
  it('01:30 → 03:30 on the last Sunday of March in Paris is one hour, and three hours in October', () => {
    expect(wallClockElapsed(clock, '2026-03-29', { time: '01:30:00' }, { time: '03:30:00' })).toEqual({
      kind: 'ok',
      startMs: Date.UTC(2026, 2, 29, 0, 30),
      seconds: 3600,
    });
    expect(wallClockElapsed(clock, '2026-10-25', { time: '01:30:00' }, { time: '03:30:00' })).toMatchObject({
      kind: 'ok',
      seconds: 3 * 3600,
    });
  });

  it('an end time past midnight is the next day, across the change too', () => {
    expect(wallClockElapsed(clock, '2026-03-28', { time: '22:00:00' }, { time: '04:00:00' })).toMatchObject({
      kind: 'ok',
      seconds: 5 * 3600,
    });
  });

  it('reports a time in the spring gap and one in the autumn overlap instead of guessing', () => {
    expect(clock.resolve('2026-03-29', '02:30:00')).toEqual({ kind: 'gap' });
    expect(clock.resolve('2026-10-25', '02:30:00')).toEqual({
      kind: 'overlap',
      candidates: [
        { ms: Date.UTC(2026, 9, 25, 0, 30), offsetMinutes: 120 },
        { ms: Date.UTC(2026, 9, 25, 1, 30), offsetMinutes: 60 },
      ],
    });
    expect(wallClockElapsed(clock, '2026-03-29', { time: '01:30:00' }, { time: '02:15:00' })).toEqual({
      kind: 'end',
      problem: 'gap',
    });
  });

  it('an explicit offset settles an ambiguous time', () => {
    expect(clock.resolve('2026-10-25', '02:30:00', '+01:00')).toEqual({ kind: 'ok', ms: Date.UTC(2026, 9, 25, 1, 30) });
    expect(clock.resolve('2026-10-25', '02:30:00', 'Z')).toEqual({ kind: 'ok', ms: Date.UTC(2026, 9, 25, 2, 30) });
  });

  it.each([PARIS, 'America/New_York', 'Australia/Sydney', 'Pacific/Noumea', 'America/Sao_Paulo'])(
    'agrees with luxon on every unambiguous time around the changes, every day of 2019 and 2026, in %s',
    (zone) => {
      const wall = createWallClock(zone);
      const times = ['00:00:00', '00:30:00', '01:30:00', '02:00:00', '02:30:00', '03:00:00', '12:00:00', '23:59:59'];
      for (const year of [2019, 2026]) {
        for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
          const date = day.toISODate()!;
          for (const time of times) {
            const result = wall.resolve(date, time);
            if (result.kind === 'ok')
              expect(result.ms, `${date} ${time}`).toBe(DateTime.fromISO(`${date}T${time}`, { zone }).toMillis());
            else expect(['gap', 'overlap'], `${date} ${time}`).toContain(result.kind);
          }
        }
      }
    },
  );
});

describe('time entries import across daylight-saving changes', () => {
  it('gives the real elapsed time from start and end columns on a DST night', () => {
    const csv = 'Date;Début;Fin\n29/03/2026;01:30;03:30\n25/10/2026;01:30;03:30\n';
    const { errors, entries } = validateImport(
      csv
        .trim()
        .split('\n')
        .map((l) => l.split(';')),
      PARIS,
    );
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.durationSeconds)).toEqual([3600, 3 * 3600]);
  });

  it('refuses a start in the overlap and an end in the gap, asking for an offset or a duration', () => {
    const rows = [
      ['Date', 'Heure', 'Fin', 'Durée'],
      ['25/10/2026', '02:30', '', '0:30'],
      ['29/03/2026', '01:30', '02:30', ''],
      ['29/03/2026', '02:10', '', '0:20'],
      ['25/10/2026', '02:30+01:00', '', '0:30'],
    ];
    const { errors, entries } = validateImport(rows, PARIS);
    expect(errors).toEqual([
      {
        line: 2,
        column: 'Heure',
        message: expect.stringMatching(/« 02:30 » ambiguë le 25\/10\/2026 .*décalage UTC \(ex\. 02:30\+01:00\)/),
      },
      { line: 3, column: 'Fin', message: expect.stringMatching(/« 02:30 » inexistante le 29\/03\/2026 .*la durée/) },
      { line: 4, column: 'Heure', message: expect.stringMatching(/« 02:10 » inexistante .*heure d’été/) },
    ]);
    expect(entries).toEqual([
      expect.objectContaining({ line: 5, startedAt: Date.UTC(2026, 9, 25, 1, 30), durationSeconds: 1800 }),
    ]);
  });
});
