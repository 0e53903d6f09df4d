/**
 * `npm run bench` prints one JSON object per line: {"name","value","unit"}.
 * `npm run bench -- --seed` (re)builds the ten-year database first; without it an existing seed is reused.
 * `npm run bench -- --only=foundation` runs the bench files whose name starts with "foundation".
 * Feature benchmarks are the `*.bench.ts` files beside this one, each exporting `run(report, { seedDir })`.
 *
 * What the benches need is built first (the ten-year seed, the renderer's production build when it is missing or
 * older than its sources), then each bench file runs in its own process: one that throws, exits or hangs on a
 * handle does not take the others with it. The failed ones are listed on stderr at the end and the exit code is 1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceRoot } from '../../main/platform/paths';

export type Report = (name: string, value: number, unit: string) => void;

const root = sourceRoot();
const report: Report = (name, value, unit) => process.stdout.write(`${JSON.stringify({ name, value, unit })}\n`);

/** The bench files to run, in name order; `only` keeps those whose name starts with it. */
export function benchFiles(folder: string, only: string | undefined): string[] {
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only)))
    .sort();
}

/** A bench that drives the app in Chromium needs the renderer's production build. */
function needsRenderer(file: string): boolean {
  return /\b(startTestHarness|startSipApp|RENDERER_DIR|ensureRendererBuilt)\b/.test(fs.readFileSync(file, 'utf8'));
}

interface Options {
  /** Where the bench files are (tests point it at a folder of their own). */
  dir: string;
  seedDir: string;
}

/** Runs one bench file in a child process (the same Node and tsx loader as this one); resolves its exit code. */
function runInChild(file: string, o: Options): Promise<number> {
  const argv = [fileURLToPath(import.meta.url), `--one=${file}`, `--dir=${o.dir}`, `--seed-dir=${o.seedDir}`];
  const child = spawn(process.execPath, [...process.execArgv, ...argv], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  return new Promise((resolve) => {
    child.once('error', (e) => {
      process.stderr.write(`[bench] ${file}: could not start: ${e.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function runOne(file: string, o: Options): Promise<void> {
  const bench = (await import(path.join(o.dir, file))) as {
    run(report: Report, x: { seedDir: string }): Promise<void>;
  };
  await bench.run(report, { seedDir: o.seedDir });
}

async function main(args: string[]): Promise<number> {
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
  const o: Options = {
    dir: option('dir') ?? path.join(root, 'test', 'bench'),
    seedDir: option('seed-dir') ?? path.join(root, '.bench', 'ten-years'),
  };
  const one = option('one');
  if (one) {
    await runOne(one, o);
    // A bench that leaves a timer or a socket open must not hold the whole run: its figures are printed.
    return 0;
  }

  const only = option('only');
  const files = benchFiles(o.dir, only);
  if (files.length === 0) {
    process.stderr.write(`[bench] no bench file matches --only=${only ?? ''}\n`);
    return 1;
  }
  if (args.includes('--seed') || !fs.existsSync(path.join(o.seedDir, 'permanence.sqlite3'))) {
    const start = Date.now();
    const { seedTenYears } = await import('./seed');
    await seedTenYears(o.seedDir);
    report('seed.ten_years.build', Date.now() - start, 'ms');
  }
  if (files.some((f) => needsRenderer(path.join(o.dir, f)))) {
    // Imported only here: each bench's own process loads nothing but its bench file.
    const { ensureRendererBuilt } = await import('../e2e/support/harness');
    ensureRendererBuilt();
  }

  const failed: string[] = [];
  for (const file of files) {
    const code = await runInChild(file, o);
    if (code !== 0) failed.push(`${file} (exit ${code})`);
  }
  if (failed.length > 0) {
    process.stderr.write(`\n[bench] ${failed.length} of ${files.length} bench files failed:\n`);
    for (const f of failed) process.stderr.write(`  - ${f}\n`);
    return 1;
  }
  return 0;
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`[bench] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
