import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name) });
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => v.id),
    describeViolations(name, violations),
  ).toEqual([]);
}

describe.runIf(enabled)('firm editor › Agenda in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the demo practice’s agendas and motifs, and saves a change from the keyboard', async () => {
    const harness = await startTestHarness(freshDataDir());
    await harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    try {
      await page.goto(harness.url);
      await page
        .getByRole('list', { name: 'Liste des cabinets' })
        .getByRole('button', { name: /Kerjean/ })
        .click();
      await page.getByRole('heading', { name: /Kerjean/ }).waitFor();
      await page.getByRole('tab', { name: 'Agenda', exact: true }).click();
      const kerjean = page.getByRole('region', { name: 'Agenda de Dr Hélène Kerjean' });
      await kerjean.getByLabel('Nom affiché').waitFor();
      await shot(page, 'agenda-setup-01-agendas');
      const motif = page.getByRole('region', { name: 'Motif Vaccination' });
      await motif.scrollIntoViewIfNeeded();
      await shot(page, 'agenda-setup-02-motifs');
      // Keyboard only: into the length, type, Ctrl+S.
      await motif.getByLabel('Durée (min)').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('15');
      await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === '15');
      await page.keyboard.press('Control+S');
      await page.getByRole('status').filter({ hasText: 'Enregistré' }).first().waitFor();
      const { config } = harness.services.agenda.config.view('demo-docteur-kerjean');
      expect(config.motifs.find((m) => m.id === 'vaccination')?.durationMinutes).toBe(15);
      await page.getByRole('group', { name: /Absences, fermetures/ }).scrollIntoViewIfNeeded();
      await shot(page, 'agenda-setup-03-exceptions');
    } finally {
      await page.close();
      await harness.close();
    }
  });
});
