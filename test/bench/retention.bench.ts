import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { DATABASE_FILE, openStore } from '../../main/store/open';
import { round } from './stats';

/**
 * The daily retention purge on a copy of the ten-year seed (100,000 messages, 150,000 calls over 2016–2026),
 * with the default durations and today's clock, so the first purge meets ten years of expired rows at once (the
 * day after an upgrade), then the next day's purge meets none. Each runs on the main process's thread.
 * - retention.purge_dry_run: the counts only.
 * - retention.first_purge / .cpu: deletes, FTS rows, FTS optimise (both indexes), WAL truncation;
 *   .max_block: the longest stretch the event loop (IPC, the ringing phone's events) waited meanwhile.
 * - retention.daily_purge: the same an instant later, nothing left to remove (the steady state).
 */
export async function run(
  report: (name: string, value: number, unit: string) => void,
  options: { seedDir?: string } = {},
): Promise<void> {
  const seedFile = options.seedDir ? path.join(options.seedDir, DATABASE_FILE) : '';
  if (!seedFile || !fs.existsSync(seedFile)) throw new Error('retention bench needs the ten-year seed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-retention-'));
  const seed = new Database(seedFile, { readonly: true, fileMustExist: true });
  seed.prepare('VACUUM INTO ?').run(path.join(dataDir, DATABASE_FILE));
  seed.close();
  try {
    const db = openStore({ dataDir });
    const { retention } = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'bench',
      transport: 'harness',
    });
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const before = { messages: count('messages'), calls: count('calls') };

    let started = performance.now();
    const dry = await retention.purge(true);
    report('retention.purge_dry_run', round(performance.now() - started), 'ms');

    started = performance.now();
    const cpu = process.cpuUsage();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const done = await retention.purge(false);
    loop.disable();
    report('retention.first_purge', round(performance.now() - started), 'ms');
    report('retention.first_purge.max_block', round(loop.max / 1e6), 'ms');
    const used = process.cpuUsage(cpu);
    report('retention.first_purge.cpu', round((used.user + used.system) / 1000), 'ms');
    const removed = (key: 'messages' | 'calls') => done.firms.reduce((sum, f) => sum + f.counts[key], 0);
    if (removed('messages') !== dry.firms.reduce((sum, f) => sum + f.counts.messages, 0)) {
      throw new Error('the dry run and the purge disagree');
    }
    report('retention.first_purge.messages_removed', removed('messages'), 'rows');
    report('retention.first_purge.calls_removed', removed('calls'), 'rows');
    report('retention.messages_kept', count('messages'), `of ${before.messages}`);

    started = performance.now();
    await retention.purge(false);
    report('retention.daily_purge', round(performance.now() - started), 'ms');
    db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
