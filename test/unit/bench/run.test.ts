import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sourceRoot } from '../../../main/platform/paths';
import { tempDir } from '../../fixtures/factories';

const root = sourceRoot();

/** A folder of bench files: one throws, one reports, one exits the process; a seed that "exists". */
function benches(): { dir: string; seedDir: string } {
  const dir = tempDir('permanence-bench-runner-');
  fs.writeFileSync(
    path.join(dir, 'a-throws.bench.ts'),
    "export async function run(report) { report('a.before_throwing', 1, 'ms'); throw new Error('boom'); }\n",
  );
  fs.writeFileSync(
    path.join(dir, 'b-reports.bench.ts'),
    "export async function run(report, { seedDir }) { report('b.value', seedDir.length > 0 ? 2 : 0, 'ms'); }\n",
  );
  fs.writeFileSync(path.join(dir, 'c-exits.bench.ts'), 'export async function run() { process.exit(3); }\n');
  const seedDir = tempDir('permanence-bench-seed-');
  fs.writeFileSync(path.join(seedDir, 'permanence.sqlite3'), '');
  return { dir, seedDir };
}

function bench(...args: string[]) {
  return spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['test/bench/run.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('npm run bench (test/bench/run.ts)', () => {
  it('runs every bench file even when one throws and one exits, lists the failed ones and exits non-zero', () => {
    const { dir, seedDir } = benches();
    const result = bench(`--dir=${dir}`, `--seed-dir=${seedDir}`);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; value: number });
    expect(lines).toEqual([
      { name: 'a.before_throwing', value: 1, unit: 'ms' },
      { name: 'b.value', value: 2, unit: 'ms' },
    ]);
    expect(result.stderr).toContain('boom');
    expect(result.stderr).toMatch(
      /2 of 3 bench files failed:\n {2}- a-throws\.bench\.ts \(exit 1\)\n {2}- c-exits\.bench\.ts \(exit 3\)/,
    );
    expect(result.status).toBe(1);
  });

  it('exits 0 when every bench it ran passed (--only)', () => {
    const { dir, seedDir } = benches();
    const result = bench(`--dir=${dir}`, `--seed-dir=${seedDir}`, '--only=b-');
    expect(result.stdout.trim()).toBe('{"name":"b.value","value":2,"unit":"ms"}');
    expect(result.status).toBe(0);
  });

  it('fails when --only matches no bench file, instead of reporting nothing as a success', () => {
    const { dir, seedDir } = benches();
    const result = bench(`--dir=${dir}`, `--seed-dir=${seedDir}`, '--only=nothing');
    expect(result.stderr).toContain('no bench file matches --only=nothing');
    expect(result.status).toBe(1);
  });
});
