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

/** E2E runs against the built renderer; (re)build it when it is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_DIR, 'index.html');
  if (fs.existsSync(index)) {
    const builtAt = fs.statSync(index).mtimeMs;
    const sourcesAt = Math.max(
      newestSourceChange(path.join(root, 'renderer')),
      newestSourceChange(path.join(root, 'shared')),
    );
    if (builtAt >= sourcesAt) return;
  }
  execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    // Build chatter goes to stderr: benchmarks print JSON lines on stdout.
    stdio: ['ignore', 2, 2],
    // vitest sets NODE_ENV=test, which would make Vite ship React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
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
