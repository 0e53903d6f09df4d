import fs from 'node:fs';
import path from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { buildCsp } from '../../../../main/electron/security';
import { SECURE_WEB_PREFERENCES } from '../../../../main/electron/window';
import { sourceRoot } from '../../../../main/platform/paths';

vi.mock('electron', () => import('../../../fakes/electron'));

/**
 * The items of Electron's security checklist (electronjs.org/docs/latest/tutorial/security) that no other test
 * holds: preferences nobody may loosen, no remote content, no second window factory, one way out to the browser,
 * the fuses of the packaged binary. docs/electron-security.md lists every item with where it is enforced.
 */

const root = sourceRoot();

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true }).flatMap((entry) => {
    if (!entry.isFile() || !/\.(ts|tsx|html)$/.test(entry.name)) return [];
    return [path.join(entry.parentPath, entry.name)];
  });
}

function filesMatching(dirs: string[], pattern: RegExp): string[] {
  return dirs
    .flatMap(sources)
    .filter((file) => pattern.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
}

describe('Electron security checklist', () => {
  it('2–4, 6, 8–10: the window keeps isolation, the sandbox and web security, with no experimental switches', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('experimentalFeatures');
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    // Nobody loosens them elsewhere: no other code names these preferences with an unsafe value.
    expect(
      filesMatching(
        ['main', 'renderer', 'shared'],
        /nodeIntegration\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false|allowRunningInsecureContent\s*:\s*true|experimentalFeatures|enableBlinkFeatures/,
      ),
    ).toEqual([]);
  });

  it('1, 18: the only page is the local renderer: no http(s) page is ever loaded, the CSP allows no remote script', () => {
    expect(filesMatching(['main'], /\.loadURL\(\s*['"`]https?:/)).toEqual([]);
    const csp = buildCsp(null);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(csp).toContain("object-src 'none'");
  });

  it('11, 12: no <webview> anywhere in the renderer, and only main/electron creates windows', () => {
    expect(filesMatching(['renderer'], /<webview|allowpopups/i)).toEqual([]);
    expect(filesMatching(['main', 'renderer', 'shared'], /new BrowserWindow\(/)).toEqual(['main/electron/window.ts']);
  });

  it('15: shell.openExternal is called in one place, behind the allow-list and her confirmation', () => {
    expect(filesMatching(['main', 'renderer', 'shared'], /\.openExternal\(/)).toEqual(['main/electron/security.ts']);
  });

  it('17, 20: IPC handlers are registered by the contract binding only, which checks every sender', () => {
    expect(filesMatching(['main'], /(?<![.\w])ipcMain\.(handle|on|once)\(/)).toEqual([]);
    expect(filesMatching(['main'], /options\.ipcMain\.handle\(/)).toEqual(['main/api/ipc.ts']);
    const preload = fs.readFileSync(path.join(root, 'main/electron/preload.ts'), 'utf8');
    expect(preload.match(/contextBridge\.exposeInMainWorld\(/g)).toHaveLength(1);
  });

  it('19: the packaged binary cannot run as Node, take NODE_OPTIONS or --inspect, or load code outside its asar', async () => {
    const builder = await getConfig(root, 'electron-builder.yml', null);
    expect(builder.asar).toBe(true);
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});
