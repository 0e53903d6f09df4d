/**
 * `npm run bench` prints one JSON object per line: {"name","value","unit"}.
 * `npm run bench -- --seed` (re)builds the ten-year database first; without it an existing seed is reused.
 * Feature benchmarks are the `*.bench.ts` files beside this one, each exporting `run(report, { seedDir })`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sourceRoot } from '../../main/platform/paths';
import { seedTenYears } from './seed';

type Report = (name: string, value: number, unit: string) => void;
type Bench = { run(report: Report, options: { seedDir: string }): Promise<void> };

const root = sourceRoot();
const seedDir = path.join(root, '.bench', 'ten-years');
const args = process.argv.slice(2);
const report: Report = (name, value, unit) => process.stdout.write(`${JSON.stringify({ name, value, unit })}\n`);

if (args.includes('--seed') || !fs.existsSync(path.join(seedDir, 'permanence.sqlite3'))) {
  const start = Date.now();
  await seedTenYears(seedDir);
  report('seed.ten_years.build', Date.now() - start, 'ms');
}

const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const dir = path.join(root, 'test', 'bench');
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only && !file.startsWith(only)) continue;
  const bench = (await import(path.join(dir, file))) as Bench;
  await bench.run(report, { seedDir });
}
