import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run web`, E2E tests and benchmarks build the renderer through scripts/build-renderer.mjs, which builds
 * only when the output is missing or older than its sources. Run here in a scratch project whose "vite" records
 * each build instead of bundling.
 */
const script = path.resolve(__dirname, '..', '..', '..', 'scripts', 'build-renderer.mjs');
let project: string;

const fakeVite = `
const fs = require('fs');
const path = require('path');
fs.appendFileSync('builds.log', 'build\\n');
if (process.env.FAKE_VITE_FAIL) { console.error('[vite] syntax error'); process.exit(1); }
fs.mkdirSync(path.join('dist', 'renderer'), { recursive: true });
fs.writeFileSync(path.join('dist', 'renderer', 'index.html'), '<!doctype html>');
`;

function build(env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(project, 'scripts', 'build-renderer.mjs')], {
    cwd: project,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}
const builds = () => fs.readFileSync(path.join(project, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'build-renderer-'));
  for (const dir of ['scripts', 'renderer', 'shared', 'assets', 'node_modules/vite/bin'])
    fs.mkdirSync(path.join(project, dir), { recursive: true });
  fs.copyFileSync(script, path.join(project, 'scripts', 'build-renderer.mjs'));
  fs.writeFileSync(path.join(project, 'node_modules', 'vite', 'bin', 'vite.js'), fakeVite);
  fs.writeFileSync(path.join(project, 'renderer', 'main.tsx'), 'export {};');
  fs.writeFileSync(path.join(project, 'package.json'), '{}');
  fs.writeFileSync(path.join(project, 'builds.log'), '');
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

describe('renderer build only when sources changed', () => {
  it('builds when nothing was built, then skips while sources are unchanged', () => {
    expect(build().status).toBe(0);
    expect(builds()).toBe(1);
    const again = build();
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('up to date');
    expect(builds()).toBe(1);
  });

  it('rebuilds after a source file changes, even one deep in a folder', () => {
    build();
    const later = new Date(Date.now() + 5_000);
    fs.mkdirSync(path.join(project, 'shared', 'domain'));
    fs.writeFileSync(path.join(project, 'shared', 'domain', 'rule.ts'), 'export const x = 1;');
    fs.utimesSync(path.join(project, 'shared', 'domain', 'rule.ts'), later, later);
    expect(build().status).toBe(0);
    expect(builds()).toBe(2);
  });

  it('does not take a failed build for a fresh one', () => {
    expect(build({ FAKE_VITE_FAIL: '1' }).status).toBe(1);
    expect(build().status).toBe(0);
    expect(builds()).toBe(2);
    expect(fs.existsSync(path.join(project, 'dist', '.renderer-build.lock'))).toBe(false);
  });
});
