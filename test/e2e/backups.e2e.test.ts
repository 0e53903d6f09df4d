import type { Page } from 'playwright-core';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

/** A screenshot at 1280×720 and axe-core's WCAG 2 A/AA check of the same state. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name) });
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => v.id),
    describeViolations(name, violations),
  ).toEqual([]);
}

describe.runIf(enabled)('Réglages › Sauvegardes in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('makes a verified backup from the settings dialog and lists it', async () => {
    const harness = await startTestHarness(freshDataDir());
    harness.services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: 'Julie' });
    harness.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    const page = await browser.context.newPage();
    try {
      await page.goto(harness.url);
      await page.getByRole('navigation').getByRole('button', { name: 'Factures' }).waitFor();
      await page.keyboard.press('Control+,');
      const settings = page.getByRole('dialog', { name: 'Réglages' });
      const section = settings.getByRole('group', { name: 'Sauvegardes' });
      await section.getByText('Aucune sauvegarde pour l’instant.').waitFor();
      await section.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
      await section
        .getByRole('status')
        .filter({ hasText: /^Sauvegarde vérifiée : permanence-\d{8}-\d{6}\.sqlite3\.$/ })
        .waitFor();
      const list = section.getByRole('list', { name: 'Liste des sauvegardes' });
      await list.getByText('vérifiée', { exact: true }).waitFor();
      await section.getByLabel('Copier aussi dans ce dossier').scrollIntoViewIfNeeded();
      await shot(page, 'privacy-backups');
      expect(harness.services.privacy.backups.list()).toHaveLength(1);
    } finally {
      await page.close();
      await harness.close();
    }
  });
});
