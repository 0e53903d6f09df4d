import { createBackupScheduler, DAY_MS } from '../../../../main/services/privacy/scheduler';

/** A hand-driven clock and timer queue: the test moves time, nothing waits. */
function harness(lastBackup: number | null) {
  let now = Date.UTC(2026, 11, 3, 8, 0, 0);
  let last = lastBackup;
  const timers: Array<{ at: number; callback: () => void; id: number }> = [];
  let nextId = 1;
  const runs: number[] = [];
  let failNext = false;
  const scheduler = createBackupScheduler({
    now: () => now,
    lastBackupAt: () => last,
    run: () => {
      if (failNext) {
        failNext = false;
        throw new Error('disque plein');
      }
      runs.push(now);
      last = now;
    },
    firstDelayMs: 5 * 60_000,
    setTimer: (callback, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimer: (id) =>
      timers.splice(
        timers.findIndex((t) => t.id === id),
        1,
      ),
  });
  return {
    scheduler,
    runs,
    pending: () => timers.map((t) => t.at - now),
    failNext: () => (failNext = true),
    /** Moves the clock to the next timer and fires it. */
    fire() {
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift()!;
      now = timer.at;
      timer.callback();
    },
    get now() {
      return now;
    },
  };
}

describe('daily backup scheduler', () => {
  it('backs up a few minutes after start when there is no backup, then every 24 h', () => {
    const h = harness(null);
    h.scheduler.start();
    expect(h.pending()).toEqual([5 * 60_000]);
    h.fire();
    expect(h.runs).toHaveLength(1);
    expect(h.pending()).toEqual([DAY_MS]);
    h.fire();
    h.fire();
    expect(h.runs.map((t) => t - h.runs[0]!)).toEqual([0, DAY_MS, 2 * DAY_MS]);
  });

  it('does not repeat a backup taken less than a day ago; waits for its 24 h', () => {
    const started = Date.UTC(2026, 11, 3, 8, 0, 0);
    const h = harness(started - 3 * 3_600_000); // 3 h ago, by a previous run of the app
    h.scheduler.start();
    h.fire();
    expect(h.runs).toEqual([]);
    expect(h.pending()).toEqual([DAY_MS - 3 * 3_600_000 - 5 * 60_000]);
    h.fire();
    expect(h.runs).toEqual([started - 3 * 3_600_000 + DAY_MS]);
  });

  it('retries an hour later when a backup fails', () => {
    const h = harness(null);
    h.failNext();
    h.scheduler.start();
    h.fire();
    expect(h.runs).toEqual([]);
    expect(h.pending()).toEqual([3_600_000]);
    h.fire();
    expect(h.runs).toHaveLength(1);
  });

  it('stops: no timer left, and start twice schedules once', () => {
    const h = harness(null);
    h.scheduler.start();
    h.scheduler.start();
    expect(h.pending()).toHaveLength(1);
    h.scheduler.stop();
    expect(h.pending()).toEqual([]);
  });
});
