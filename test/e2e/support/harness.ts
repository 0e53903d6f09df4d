import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../../../main/harness/server';
import { sourceRoot } from '../../../main/platform/paths';

const root = sourceRoot();
export const RENDERER_DIR = path.join(root, 'dist', 'renderer');

/**
 * E2E runs against the built renderer: scripts/build-renderer.mjs (re)builds it only when it is missing or older
 * than its sources, under a lock shared by the parallel test processes (the same script serves `npm run web`).
 */
export function ensureRendererBuilt(): void {
  // Build chatter goes to stderr: benchmarks print JSON lines on stdout.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-renderer.mjs')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
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
