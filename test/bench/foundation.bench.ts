import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../../main/store/open';
import { launchChromium } from '../e2e/support/chromium';
import { RENDERER_DIR, startTestHarness } from '../e2e/support/harness';
import { tempDir } from '../fixtures/factories';
import { seedFoundation, TEN_YEARS } from './seed';
import { percentile, round } from './stats';

type Report = (name: string, value: number, unit: string) => void;

function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

export async function run(report: Report, options: { seedDir: string }): Promise<void> {
  const empty = [0, 1, 2, 3, 4].map(() => {
    const dir = tempDir('permanence-bench-empty-');
    return time(() => openStore({ dataDir: dir }).close());
  });
  report('store.open_migrate.empty.p50', round(percentile(empty, 50)), 'ms');

  const tenYears = [0, 1, 2].map(() => time(() => openStore({ dataDir: options.seedDir }).close()));
  report('store.open.ten_years.p50', round(percentile(tenYears, 50)), 'ms');

  // A ten-year database written by schema 1 (firms and contacts only) migrated to today's schema.
  const v1Dir = tempDir('permanence-bench-v1-');
  const v1 = openStore({ dataDir: v1Dir, targetVersion: 1 });
  seedFoundation(v1, { ...TEN_YEARS, calls: 0 });
  v1.close();
  const backup = fs.readFileSync(path.join(v1Dir, 'permanence.sqlite3'));
  const migrations = [0, 1, 2].map(() => {
    fs.rmSync(path.join(v1Dir, 'backups'), { recursive: true, force: true });
    fs.writeFileSync(path.join(v1Dir, 'permanence.sqlite3'), backup);
    return time(() => openStore({ dataDir: v1Dir }).close());
  });
  report('store.open_migrate.ten_years_from_v1.p50', round(percentile(migrations, 50)), 'ms');

  const assets = path.join(RENDERER_DIR, 'assets');
  const scripts = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  const kib = (files: string[]) =>
    round(files.reduce((sum, f) => sum + fs.statSync(path.join(assets, f)).size, 0) / 1024, 0);
  // The start-up chunk is what Chromium parses before the first paint; lazy screens load on first visit.
  report('renderer.bundle.startup_js_size', kib(scripts.filter((f) => f.startsWith('index-'))), 'KiB');
  report('renderer.bundle.all_js_size', kib(scripts), 'KiB');

  const copy = tempDir('permanence-bench-harness-');
  fs.cpSync(options.seedDir, copy, { recursive: true });
  const harness = await startTestHarness(copy);
  harness.services.settings.update({ workspaceInitialisedAt: Date.now() });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const loads: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const start = performance.now();
      await page.goto(harness.url);
      await page
        .getByRole('list', { name: 'Liste des cabinets' })
        .getByRole('button')
        .nth(TEN_YEARS.firms - 1)
        .waitFor();
      loads.push(performance.now() - start);
    }
    report('harness.firm_list_load.p50', round(percentile(loads.slice(1), 50)), 'ms');
    report('harness.firm_list_load.p95', round(percentile(loads.slice(1), 95)), 'ms');
  } finally {
    await browser.close();
    await harness.close();
  }
}
