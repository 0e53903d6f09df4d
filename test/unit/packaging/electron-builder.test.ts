import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';

/**
 * electron-builder cannot run here (it downloads Electron), so this checks what can be checked offline: the file
 * loads and passes electron-builder's own schema validation (the same call `electron-builder` makes first), and
 * the choices the app depends on are still there.
 */
const root = path.resolve(__dirname, '..', '..', '..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, 'electron-builder.yml', null);
});

function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(path.join(root, file));
  expect(data.subarray(1, 4).toString()).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage + deb, nsis and dmg', () => {
    expect(config.appId).toBe('fr.permanence.console');
    expect(config.productName).toBe('Permanence');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('writes installers outside dist/, which holds the bundles it packages', () => {
    expect(config.directories?.output).toBe('release');
    // electron-builder normalises `files` into file sets; the patterns are their filters.
    const patterns = (config.files as Array<{ filter?: string[] }>).flatMap((set) => set.filter ?? []);
    expect(patterns).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist/main/electron/**', 'package.json']));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('dist/main/electron/')).toBe(true);
  });

  it('ships the Electron build of the cipher SQLite driver and never rebuilds node_modules in place', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.extraResources).toEqual([
      { from: '.native', to: 'native', filter: ['electron-*/better_sqlite3_multiple_ciphers.node'] },
    ]);
  });

  it('asks for the microphone on macOS, in French, under the hardened runtime', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const description = String(config.mac?.extendInfo?.NSMicrophoneUsageDescription ?? '');
    expect(description).toMatch(/microphone/);
    expect(description).toMatch(/appels/);
    const entitlements = fs.readFileSync(path.join(root, String(config.mac?.entitlements)), 'utf8');
    expect(entitlements).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
  });

  it('uses icons that exist, large enough for every platform', () => {
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
      expect(pngSize(String(icon))).toEqual({ width: 512, height: 512 });
    }
    expect(pngSize('assets/tray.png')).toEqual({ width: 32, height: 32 });
  });
});
