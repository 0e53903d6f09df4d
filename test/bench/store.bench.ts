import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { quickCheck } from '../../main/store/integrity';
import { DATABASE_FILE } from '../../main/store/open';
import { percentile, round } from './stats';

type Report = (name: string, value: number, unit: string) => void;

/**
 * The integrity check every start runs before the store is used (main/store/open.ts): PRAGMA quick_check on
 * the ten-year store, read-only so the seed is left as it is. Goal: well under a second, so a start stays quick.
 */
export async function run(report: Report, options: { seedDir: string }): Promise<void> {
  const file = path.join(options.seedDir, DATABASE_FILE);
  report('store.size.ten_years', round(fs.statSync(file).size / (1024 * 1024), 1), 'MiB');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      const problems = quickCheck(db);
      times.push(performance.now() - start);
      if (problems.length > 0) throw new Error(`the ten-year seed fails quick_check: ${problems.join(' ; ')}`);
    }
    // The first run reads the file from disk (a start after a reboot); the others from the page cache.
    report('store.quick_check.ten_years.cold', round(times[0]!), 'ms');
    report('store.quick_check.ten_years', round(percentile(times.slice(1), 50)), 'ms');
  } finally {
    db.close();
  }
}
