#!/usr/bin/env node
// Builds the renderer (Vite, production) into dist/renderer only when it is missing or older than its sources,
// so `npm run web`, E2E tests and benchmarks do not spend ~20-75 s rebuilding an unchanged UI.
//
//   node scripts/build-renderer.mjs [--force]
//
// Sources: renderer/, shared/, assets/, package.json and package-lock.json (a dependency change). Parallel
// callers (E2E test files run in several processes) take a lock: one builds, the others wait for it, since Vite
// empties the output folder while it builds. Build chatter goes to stderr: benchmarks print JSON on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'renderer');
// Written after a successful build: the time the build started (a source edited during a build is newer).
const stamp = path.join(outDir, '.built-at');
const lockDir = path.join(root, 'dist', '.renderer-build.lock');
const LOCK_STALE_MS = 10 * 60_000;

function newestChange(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's mtime
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function isFresh() {
  if (!fs.existsSync(path.join(outDir, 'index.html')) || !fs.existsSync(stamp)) return false;
  const builtAt = Number(fs.readFileSync(stamp, 'utf8'));
  const sources = ['renderer', 'shared', 'assets', 'package.json', 'package-lock.json'].map((p) =>
    newestChange(path.join(root, p)),
  );
  return Number.isFinite(builtAt) && builtAt >= Math.max(...sources);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock() {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const lock = fs.statSync(lockDir, { throwIfNoEntry: false });
      if (!lock) continue; // released in between: try again at once
      // A process that died while building left its lock behind.
      if (Date.now() - lock.mtimeMs > LOCK_STALE_MS) fs.rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`renderer build lock held for too long: ${lockDir}`);
      else sleep(200);
    }
  }
}

const force = process.argv.includes('--force');
if (!force && isFresh()) {
  console.error('Renderer: up to date (dist/renderer), no build needed.');
  process.exit(0);
}
acquireLock();
let status = 0;
try {
  if (force || !isFresh()) {
    console.error('Renderer: building (Vite, production)…');
    const startedAt = Date.now();
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', 2, 2],
        // vitest sets NODE_ENV=test, which would make Vite ship React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    status = result.status ?? 1;
    if (status === 0) fs.writeFileSync(stamp, String(startedAt));
  }
} finally {
  fs.rmSync(lockDir, { recursive: true, force: true });
}
process.exit(status);
