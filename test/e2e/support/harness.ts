import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../../../main/harness/server';
import { sourceRoot } from '../../../main/platform/paths';

const root = sourceRoot();
export const RENDERER_DIR = path.join(root, 'dist', 'renderer');

/** E2E runs against the built renderer; build it once if a previous step has not. */
export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
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
