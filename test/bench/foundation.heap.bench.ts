// The renderer's JavaScript heap after she has opened every screen on the ten-year store (the firm list and every
// editor tab, the call desk, messages, billing, time, the call log, every other screen of the navigation, the
// settings, and a demo call taken end to end), read over CDP after a forced garbage collection: what the page keeps,
// not what it happened to allocate. Goal ≤ 150 MB.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { screenshotPath, startTestHarness } from '../e2e/support/harness';
import { tempDir } from '../fixtures/factories';
import { TEN_YEARS } from './seed';
import { round } from './stats';

type Report = (name: string, value: number, unit: string) => void;

async function openEveryScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const firms = page.getByRole('list', { name: 'Liste des cabinets' });
  await firms
    .getByRole('button')
    .nth(TEN_YEARS.firms - 1)
    .waitFor();
  await firms.getByRole('button').first().click();
  // Every tab of the firm editor, whatever they are called, from the keyboard.
  const tabs = page.getByRole('tablist').first().getByRole('tab');
  await tabs.first().waitFor();
  await tabs.first().focus();
  const count = await tabs.count();
  for (let i = 1; i < count; i += 1) {
    await page.keyboard.press('ArrowRight');
    await tabs.nth(i).and(page.locator('[aria-selected="true"]')).waitFor();
  }

  await page.keyboard.press('Alt+2');
  await page.getByRole('heading', { name: 'Poste d’appel' }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('searchbox', { name: 'Rechercher dans les messages' }).waitFor();
  await page.getByRole('listbox').getByRole('option').first().waitFor();
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { name: 'Facturation' }).waitFor();
  await page.getByRole('row').nth(1).waitFor();
  await page.keyboard.press('Alt+5');
  await page.getByRole('heading', { name: 'Temps' }).waitFor();
  await page.keyboard.press('Alt+6');
  await page.locator('tr[data-call-id]').first().waitFor();

  // Screens added since (invoices…): opened from the navigation, each waited for until it shows a heading.
  const nav = page.getByRole('navigation', { name: 'Écrans' }).getByRole('button');
  const visited = new Set(['Cabinets', 'Poste d’appel', 'Messages', 'Facturation', 'Temps', 'Appels']);
  for (const name of await nav.allTextContents()) {
    if (visited.has(name)) continue;
    await nav.filter({ hasText: name }).click();
    await page.locator('.views-nav__item[aria-current="page"]', { hasText: name }).waitFor();
    await page.locator('.view').getByRole('heading').first().waitFor();
  }

  await page.getByRole('button', { name: 'Réglages' }).click();
  await page.getByRole('heading', { name: 'Réglages' }).waitFor();
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();

  // A demo call, answered, the call desk open for it, then hung up.
  await page.getByRole('button', { name: 'Simuler un appel' }).click();
  const firmPicker = page.getByLabel('Pour le cabinet');
  await firmPicker.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Faire sonner' }).click();
  await page.getByRole('button', { name: /Décrocher/ }).click();
  await page.locator('.cd').getByRole('region', { name: 'Script' }).waitFor();
  await page.getByRole('button', { name: /Raccrocher/ }).click();
  await page.locator('.phone-card[data-call-state="ended"]').first().waitFor();
}

export async function run(report: Report, options: { seedDir: string }): Promise<void> {
  const copy = tempDir('permanence-bench-heap-');
  fs.cpSync(options.seedDir, copy, { recursive: true });
  const harness = await startTestHarness(copy);
  harness.services.settings.update({ workspaceInitialisedAt: Date.now() });
  const browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await browser.context.newPage();
    await openEveryScreen(page, harness.url).catch(async (e: unknown) => {
      await page.screenshot({ path: screenshotPath('bench-heap-failed') });
      process.stderr.write(`[heap bench] screenshot of the failure: ${screenshotPath('bench-heap-failed')}\n`);
      throw e;
    });
    await page.screenshot({ path: screenshotPath('bench-heap-every-screen-opened') });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const read = async () => (await cdp.send('Performance.getMetrics')).metrics;
    const before = await read();
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = await read();
    const metric = (name: string, from = metrics) => {
      const found = from.find((m) => m.name === name);
      if (!found) throw new Error(`CDP Performance.getMetrics has no ${name}`);
      return found.value;
    };
    const mb = (bytes: number) => round(bytes / (1024 * 1024), 1);
    report('renderer.heap_mb', mb(metric('JSHeapUsedSize')), 'MB');
    report('renderer.heap_before_gc_mb', mb(metric('JSHeapUsedSize', before)), 'MB');
    report('renderer.heap_total_mb', mb(metric('JSHeapTotalSize')), 'MB');
    report('renderer.dom_nodes', metric('Nodes'), 'count');
  } finally {
    await browser.close();
    await harness.close();
  }
}
