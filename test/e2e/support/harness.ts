import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../../../main/harness/server';
import { sourceRoot } from '../../../main/platform/paths';

const root = sourceRoot();
export const RENDERER_DIR = path.join(root, 'dist', 'renderer');

function newestSourceChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function rendererIsFresh(): boolean {
  const index = path.join(RENDERER_DIR, 'index.html');
  if (!fs.existsSync(index)) return false;
  const sourcesAt = Math.max(
    newestSourceChange(path.join(root, 'renderer')),
    newestSourceChange(path.join(root, 'shared')),
  );
  return fs.statSync(index).mtimeMs >= sourcesAt;
}

const BUILD_LOCK = path.join(root, 'dist', '.renderer-build.lock');
const BUILD_LOCK_STALE_MS = 10 * 60_000;

/** Test files run in parallel processes: one builds, the others wait for it (Vite empties the output folder). */
function withBuildLock(build: () => void): void {
  fs.mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  const deadline = Date.now() + BUILD_LOCK_STALE_MS;
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const lock = fs.statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (!lock) continue; // released in between: try again at once
      // A process that died while building left its lock behind.
      if (Date.now() - lock.mtimeMs > BUILD_LOCK_STALE_MS) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`renderer build lock held for too long: ${BUILD_LOCK}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** E2E runs against the built renderer; (re)build it when it is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  if (rendererIsFresh()) return;
  withBuildLock(() => {
    if (rendererIsFresh()) return; // another test process built it while we waited
    execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      // Build chatter goes to stderr: benchmarks print JSON lines on stdout.
      stdio: ['ignore', 2, 2],
      // vitest sets NODE_ENV=test, which would make Vite ship React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  });
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-e2e-'));
}

export async function startTestHarness(dataDir: string = freshDataDir(), token?: string): Promise<Harness> {
  ensureRendererBuilt();
  return startHarness({
    dataDir,
    rendererDir: RENDERER_DIR,
    assetsDir: path.join(root, 'assets'),
    ...(token ? { token } : {}),
  });
}

export const SCREENSHOT_DIR = path.join(root, 'test-results', 'screenshots');

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
