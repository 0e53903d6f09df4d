/**
 * Which automatic backups to keep: 7 daily, 4 weekly, 12 monthly (grandfather-father-son). Pure: it sees only the
 * backups' instants and answers the ones to keep; the caller deletes the others.
 *
 * For each period kind the newest backup of a period stands for it, and the most recent N periods that hold a
 * backup are kept (a machine switched off for a week still keeps its last 7 days of backups, not 0). Days,
 * ISO weeks (Monday first) and months are counted in UTC, like the backup file names.
 */
export const ROTATION = { daily: 7, weekly: 4, monthly: 12 } as const;

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

const DAY_MS = 86_400_000;

function dayKey(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The Monday (UTC) starting the ISO week of `at`. */
function weekKey(at: number): string {
  const day = Math.floor(at / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

function monthKey(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

function newestPerPeriod(instants: readonly number[], key: (at: number) => string, count: number): number[] {
  const newest = new Map<string, number>();
  for (const at of instants) {
    const k = key(at);
    const seen = newest.get(k);
    if (seen === undefined || at > seen) newest.set(k, at);
  }
  return [...newest.values()].sort((a, b) => b - a).slice(0, Math.max(0, count));
}

/** The instants (epoch ms) to keep among `instants`; duplicates in the input are kept or dropped together. */
export function backupsToKeep(instants: readonly number[], policy: RotationPolicy = ROTATION): Set<number> {
  const keep = new Set<number>([
    ...newestPerPeriod(instants, dayKey, policy.daily),
    ...newestPerPeriod(instants, weekKey, policy.weekly),
    ...newestPerPeriod(instants, monthKey, policy.monthly),
  ]);
  // The newest backup is never rotated away, whatever the policy.
  if (instants.length > 0) keep.add(Math.max(...instants));
  return keep;
}

/** The complement of backupsToKeep, newest first. */
export function backupsToDelete(instants: readonly number[], policy: RotationPolicy = ROTATION): number[] {
  const keep = backupsToKeep(instants, policy);
  return [...new Set(instants)].filter((at) => !keep.has(at)).sort((a, b) => b - a);
}
