import type { Page } from 'playwright-core';
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

describe.runIf(enabled)('firm editor › Confidentialité in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sets the firm’s retention, then ends its contract from the keyboard: export, typed name, erase, backups listed', async () => {
    const harness = await startTestHarness(freshDataDir());
    await harness.services.workspace.initialise('demo');
    harness.services.privacy.backupNow();
    const page = await browser.context.newPage();
    try {
      await page.goto(harness.url);
      const list = page.getByRole('list', { name: 'Liste des cabinets' });
      await list.getByRole('button', { name: /Plomberie/ }).click();
      await page.getByRole('heading', { name: /Plomberie/ }).waitFor();
      await page.getByRole('tab', { name: 'Confidentialité' }).click();

      const messages = page.getByLabel('Messages', { exact: true });
      await messages.fill('6');
      await page.keyboard.press('Control+s');
      await page.getByRole('status').filter({ hasText: 'Durées enregistrées' }).waitFor();
      await shot(page, 'privacy-retention-01-durations');

      const contract = page.getByRole('group', { name: 'Fin de contrat' });
      await contract.scrollIntoViewIfNeeded();
      await contract.getByRole('button', { name: 'Exporter toutes les données' }).click();
      await contract
        .getByRole('status')
        .filter({ hasText: /^Exporté le / })
        .waitFor();
      const erase = contract.getByRole('button', { name: 'Effacer le cabinet…' });
      await expect.poll(() => erase.isEnabled()).toBe(true);
      await shot(page, 'privacy-retention-02-fin-de-contrat');

      await erase.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /Effacer définitivement/ });
      await dialog.getByLabel(/Tapez le nom du cabinet/).fill('Plomberie Szymański');
      await shot(page, 'privacy-retention-03-confirm');
      await dialog.getByLabel(/Tapez le nom du cabinet/).press('Enter');

      await page.getByRole('heading', { name: '« Plomberie Szymański » a été effacé' }).waitFor();
      await page.getByRole('table').getByText('dossier de données').first().waitFor();
      await shot(page, 'privacy-retention-04-ended');
      expect(harness.services.firms.list().some((f) => f.name.startsWith('Plomberie'))).toBe(false);
      expect(harness.services.privacy.audit.verify().ok).toBe(true);
    } finally {
      await page.close();
      await harness.close();
    }
  });
});
