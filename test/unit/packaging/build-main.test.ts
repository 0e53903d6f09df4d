import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { entriesAt } from '../../../main/services/imports-worker/columns';
import type { ImportJob } from '../../../main/services/imports-worker/job';
import type { WorkerRequest, WorkerResponse } from '../../../main/services/imports-worker/messages';
import { openStore } from '../../../main/store/open';

/**
 * The bundles Electron loads: a sandboxed preload that requires anything but 'electron' fails at run time with
 * a blank window, and main may require only Node built-ins and packages electron-builder ships.
 */
const root = path.resolve(__dirname, '..', '..', '..');
let outdir: string;

beforeAll(() => {
  // Inside the project, so the bundles' require('better-sqlite3-multiple-ciphers') finds node_modules as in the app.
  fs.mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
  outdir = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'permanence-build-'));
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

  it.each(['app.cjs', 'imports-worker.cjs'])(
    'builds a %s whose external packages all ship with the app (dependencies, plus electron)',
    (bundle) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
      const external = requires(bundle).filter((name) => !builtins.has(name));
      expect(external).toContain('better-sqlite3-multiple-ciphers');
      for (const name of external) {
        // A devDependency required at run time would be missing from the installed app.
        const packageName = name
          .split('/')
          .slice(0, name.startsWith('@') ? 2 : 1)
          .join('/');
        if (name !== 'electron') expect(Object.keys(pkg.dependencies)).toContain(packageName);
      }
    },
  );

  it('builds the imports worker app.cjs starts from beside itself, and it checks a file against a store', async () => {
    expect(fs.readFileSync(path.join(outdir, 'app.cjs'), 'utf8')).toContain('./imports-worker.cjs');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-worker-'));
    const db = openStore({ dataDir });
    const worker = new Worker(path.join(outdir, 'imports-worker.cjs'), { workerData: { file: db.name } });
    try {
      const job: ImportJob = {
        kind: 'run',
        firmId: 'firm-1',
        timeZone: 'Europe/Paris',
        lockedMonths: {},
        content: 'Date;Heure;Durée;Objet\n03/02/2025;09:00;0:30;Dossier Martin\n',
        options: {},
        fileName: 'heures.csv',
      };
      worker.postMessage({ id: 1, job } satisfies WorkerRequest);
      const [response] = (await once(worker, 'message')) as [WorkerResponse];
      expect(response).toMatchObject({ id: 1, checked: { report: { errorCount: 0, toImport: 1 } } });
      const rows = 'checked' in response ? response.checked.rows : null;
      expect(rows && entriesAt(rows, 0, 1)).toEqual([
        expect.objectContaining({ line: 2, label: 'Dossier Martin', durationSeconds: 1800 }),
      ]);
    } finally {
      await worker.terminate();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
