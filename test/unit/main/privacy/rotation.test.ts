import { backupsToDelete, backupsToKeep } from '../../../../main/services/privacy/rotation';

const DAY = 86_400_000;
const at = (y: number, m: number, d: number, h = 3) => Date.UTC(y, m - 1, d, h);
const iso = (t: number) => new Date(t).toISOString().slice(0, 13);
const kept = (instants: number[]) => [...backupsToKeep(instants)].sort((a, b) => b - a).map(iso);

/** One backup a day at 03:00 UTC from `from`, `days` days long. */
function daily(from: number, days: number): number[] {
  return Array.from({ length: days }, (_, i) => from + i * DAY);
}

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps nothing away from an empty list and keeps a single backup', () => {
    expect(backupsToKeep([]).size).toBe(0);
    expect(backupsToDelete([at(2026, 12, 3)])).toEqual([]);
  });

  it('keeps every backup of the first week', () => {
    const week = daily(at(2026, 12, 1), 7);
    expect(backupsToDelete(week)).toEqual([]);
  });

  it('after 8 days of daily backups drops the oldest, which stands for no week and no month', () => {
    // 26 Nov .. 3 Dec 2026: week 48's newest is Sunday the 29th, November's is the 30th; the 26th goes.
    const days = daily(at(2026, 11, 26), 8);
    expect(backupsToDelete(days).map(iso)).toEqual(['2026-11-26T03']);
  });

  it('over a full year of daily backups keeps 7 days, 4 week ends and 12 month ends', () => {
    const year = daily(at(2025, 12, 4), 365); // up to 2026-12-03, a Thursday
    expect(kept(year)).toEqual([
      // 7 daily: 27 Nov .. 3 Dec; also the newest of week 49 (3 Dec) and week 48 (Sun 29 Nov), of Dec and Nov.
      '2026-12-03T03',
      '2026-12-02T03',
      '2026-12-01T03',
      '2026-11-30T03',
      '2026-11-29T03',
      '2026-11-28T03',
      '2026-11-27T03',
      // weekly: weeks 47 and 46 end on Sundays 22 and 15 Nov.
      '2026-11-22T03',
      '2026-11-15T03',
      // monthly: last day of each month back to January (12 months: Dec 2026 .. Jan 2026).
      '2026-10-31T03',
      '2026-09-30T03',
      '2026-08-31T03',
      '2026-07-31T03',
      '2026-06-30T03',
      '2026-05-31T03',
      '2026-04-30T03',
      '2026-03-31T03',
      '2026-02-28T03',
      '2026-01-31T03',
    ]);
    expect(backupsToDelete(year)).toHaveLength(365 - 19);
  });

  it('keeps the newest backup of a day when there are several that day', () => {
    const instants = [at(2026, 12, 3, 3), at(2026, 12, 3, 9), at(2026, 12, 3, 17)];
    expect(backupsToDelete(instants).map(iso)).toEqual(['2026-12-03T09', '2026-12-03T03']);
  });

  it('counts days that hold a backup, so a machine off for weeks still keeps its last 7 backups', () => {
    const before = daily(at(2026, 10, 1), 10); // 1..10 October, then nothing until today
    const instants = [...before, at(2026, 12, 3)];
    const keep = backupsToKeep(instants);
    for (const t of daily(at(2026, 10, 5), 6)) expect(keep.has(t)).toBe(true);
    expect(keep.has(at(2026, 12, 3))).toBe(true);
  });

  it('treats weeks as ISO weeks starting on Monday (UTC)', () => {
    // Sunday 29 Nov and Monday 30 Nov are in different weeks; with 1 daily, the weekly slot keeps Sunday.
    const instants = [at(2026, 11, 28), at(2026, 11, 29), at(2026, 11, 30)];
    const keep = backupsToKeep(instants, { daily: 1, weekly: 2, monthly: 0 });
    expect([...keep].sort().map(iso)).toEqual(['2026-11-29T03', '2026-11-30T03']);
  });

  it('counts a week across a new year (ISO week 53 of 2026 ends on Sunday 3 January 2027)', () => {
    const instants = [at(2026, 12, 28), at(2027, 1, 3), at(2027, 1, 4)];
    const keep = backupsToKeep(instants, { daily: 0, weekly: 4, monthly: 0 });
    expect([...keep].sort().map(iso)).toEqual(['2027-01-03T03', '2027-01-04T03']);
  });

  it('keeps 12 months back even when backups are rare', () => {
    const monthly = Array.from({ length: 18 }, (_, i) => Date.UTC(2025, 6 + i, 15, 3));
    const keep = backupsToKeep(monthly, { daily: 0, weekly: 0, monthly: 12 });
    expect(keep.size).toBe(12);
    expect(Math.min(...keep)).toBe(Date.UTC(2026, 0, 15, 3));
  });

  it('never deletes the newest backup, even with a policy of zero', () => {
    const instants = [at(2026, 12, 1), at(2026, 12, 2)];
    expect([...backupsToKeep(instants, { daily: 0, weekly: 0, monthly: 0 })]).toEqual([at(2026, 12, 2)]);
  });

  it('does not depend on the order of the input and ignores duplicates', () => {
    const year = daily(at(2025, 12, 4), 365);
    const shuffled = [...year].reverse().concat(year.slice(0, 10));
    expect(backupsToDelete(shuffled)).toEqual(backupsToDelete(year));
  });
});
