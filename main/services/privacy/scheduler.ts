export const DAY_MS = 86_400_000;

export interface SchedulerOptions {
  /** Makes the daily backup (and its rotation and copy); may throw: the error is logged, the next day retried. */
  run: () => void;
  /** The newest regular backup's instant, or null. */
  lastBackupAt: () => number | null;
  now: () => number;
  /** After start, before the first check (the app is busy opening). */
  firstDelayMs?: number;
  periodMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (message: string, detail?: unknown) => void;
  /** What the job is called in the log (default « daily backup »); the daily retention purge reuses this. */
  name?: string;
}

/**
 * The daily automatic backup: a first check a few minutes after start, then one when the newest backup is a day
 * old. A backup taken in the last 24 h (by a previous run of the app, or the button) is not repeated, so
 * restarting the app ten times a day makes one backup, and a machine that was off backs up soon after start.
 */
export function createBackupScheduler(options: SchedulerOptions) {
  const period = options.periodMs ?? DAY_MS;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms).unref());
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  let handle: unknown = null;
  let running = false;

  function schedule(ms: number): void {
    handle = setTimer(tick, Math.max(60_000, Math.min(period, ms)));
  }

  function tick(): void {
    handle = null;
    if (!running) return;
    const last = options.lastBackupAt();
    if (last === null || options.now() - last >= period) {
      try {
        options.run();
      } catch (error) {
        options.log?.(`${options.name ?? 'daily backup'} failed; retried at the next check`, error);
        schedule(period / 24); // an hour later: a full disk or an unplugged USB drive may be back
        return;
      }
    }
    const newest = options.lastBackupAt() ?? options.now();
    schedule(newest + period - options.now());
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      handle = setTimer(tick, options.firstDelayMs ?? 5 * 60_000);
    },
    stop(): void {
      running = false;
      if (handle !== null) clearTimer(handle);
      handle = null;
    },
  };
}
export type BackupScheduler = ReturnType<typeof createBackupScheduler>;
