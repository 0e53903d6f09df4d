import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * The bundles Electron loads: a sandboxed preload that requires anything but 'electron' fails at run time with
 * a blank window, and main may require only Node built-ins and packages electron-builder ships.
 */
const root = path.resolve(__dirname, '..', '..', '..');
let outdir: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-build-'));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-main.mjs'), '--outdir', outdir], { cwd: root });
}, 60_000);
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function requires(file: string): string[] {
  const code = fs.readFileSync(path.join(outdir, file), 'utf8');
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))];
}

describe('main and preload bundles', () => {
  it('builds a preload that requires nothing but electron', () => {
    expect(requires('preload.cjs')).toEqual(['electron']);
  });

  it('builds a main bundle whose external packages all ship with the app (dependencies, plus electron)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const external = requires('app.cjs').filter((name) => !builtins.has(name));
    expect(external).toContain('better-sqlite3');
    for (const name of external) {
      // A devDependency required at run time would be missing from the installed app.
      const packageName = name
        .split('/')
        .slice(0, name.startsWith('@') ? 2 : 1)
        .join('/');
      if (name !== 'electron') expect(Object.keys(pkg.dependencies)).toContain(packageName);
    }
  });
});
