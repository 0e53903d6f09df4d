import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm install` skips Electron's binary (allowScripts denies its postinstall); `npm start` fetches it through
 * scripts/ensure-electron.mjs. These tests run the script against fake electron package folders whose
 * install.js succeeds or fails, the way electron's real installer does.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const script = path.join(root, 'scripts', 'ensure-electron.mjs');
let dir: string;

function fakeElectron(installJs: string, installed = false): void {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '39.0.0' }));
  fs.writeFileSync(path.join(dir, 'install.js'), installJs);
  if (installed) {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
  }
}

function run(env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [script], {
    env: { ...process.env, PERMANENCE_ELECTRON_DIR: dir, ...env },
    encoding: 'utf8',
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-electron-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm start fetches Electron when the install skipped it', () => {
  it('does nothing when the binary is already there', () => {
    fakeElectron('process.exit(3)', true);
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('runs electron’s installer, even when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says so in French and English', () => {
    fakeElectron(
      [
        "const fs = require('fs');",
        'if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);',
        "fs.mkdirSync('dist'); fs.writeFileSync('dist/electron', ''); fs.writeFileSync('path.txt', 'electron');",
      ].join('\n'),
    );
    const result = run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('téléchargement d’Electron 39.0.0');
    expect(result.stdout).toContain('downloading Electron 39.0.0');
    expect(fs.existsSync(path.join(dir, 'dist', 'electron'))).toBe(true);
  });

  it('fails with a message pointing to the offline browser harness when the download fails', () => {
    fakeElectron("console.error('RequestError: getaddrinfo ENOTFOUND'); process.exit(1)");
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('impossible de télécharger Electron 39.0.0');
    expect(result.stderr).toContain('could not download Electron 39.0.0');
    expect(result.stderr).toContain('`npm run web` lance Permanence dans Chromium');
    expect(result.stderr).toContain('Offline, `npm run web` runs Permanence');
  });

  it('fails when the installer exits 0 without leaving a binary', () => {
    fakeElectron('process.exit(0)');
    expect(run().status).toBe(1);
  });
});

describe('package.json', () => {
  it('never runs electron’s download at install time and fetches it before launching Electron', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>;
      scripts: Record<string, string>;
    };
    expect(pkg.allowScripts.electron).toBe(false);
    for (const name of ['start', 'dev', 'dist']) {
      const command = pkg.scripts[name] ?? '';
      expect(command.indexOf('scripts/ensure-electron.mjs')).toBeGreaterThanOrEqual(0);
      expect(command.indexOf('scripts/ensure-electron.mjs')).toBeLessThan(
        command.search(/electron \.|electron-builder /),
      );
    }
  });
});
