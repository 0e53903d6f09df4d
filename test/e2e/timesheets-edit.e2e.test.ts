import path from 'node:path';
import fs from 'node:fs';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

describe.runIf(enabled)('time entries in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('edits an entry’s duration in the form, lists the change under Historique, and maps CSV columns', async () => {
    const harness = await startTestHarness(freshDataDir());
    const { services } = harness;
    services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: 'Julie' });
    const firm = services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    const entry = services.timesheets.create({
      firmId: firm.id,
      taskType: 'typing-page',
      startedAt: Date.UTC(2026, 9, 14, 8, 30),
      durationSeconds: 1800,
      quantity: 3,
      billable: true,
      urgent: false,
      label: 'Conclusions Durand',
      note: 'Trois pages',
    });
    try {
      const page = await browser.context.newPage();
      await page.goto(harness.url);
      await page.getByRole('navigation').getByRole('button', { name: 'Temps' }).waitFor();
      await page.keyboard.press('Alt+5');
      await page.getByRole('heading', { name: 'Temps' }).waitFor();
      await page.getByLabel('Mois', { exact: true }).fill('2026-10');
      await page.getByRole('button', { name: 'Modifier « Conclusions Durand »' }).click();
      const dialog = page.getByRole('dialog', { name: 'Modifier la saisie' });
      await dialog.getByText(/Europe\/Paris/).waitFor();
      const duration = dialog.getByLabel('Durée (hh:mm:ss)');
      await duration.fill('0:45:00');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await dialog.getByText('Saisie enregistrée.').waitFor();
      await dialog.getByText(/Historique/).click();
      await dialog.getByText('durée : 0:30:00 → 0:45:00').waitFor();
      await page.screenshot({ path: screenshotPath('timesheets-edit-form') });
      expect(
        services.timesheets
          .list({ firmId: firm.id, from: null, to: null, limit: 100, offset: 0 })
          .items.find((e) => e.id === entry.id)?.durationSeconds,
      ).toBe(2700);
      await dialog.getByRole('button', { name: 'Fermer' }).click();

      await page.getByRole('combobox', { name: /^Cabinet/ }).selectOption(firm.id);
      const csvFile = path.join(freshDataDir(), 'temps.csv');
      // Saved by Excel FR: Windows-1252 bytes, read as such and said so.
      fs.writeFileSync(
        csvFile,
        Buffer.from(
          'Date;Durée;Objet;Client\n03/10/2026;0:30;Courrier;Martin\n04/10/2026;1:15;Frappe;Durand\n',
          'latin1',
        ),
      );
      await page.getByLabel('Importer un CSV…').setInputFiles(csvFile);
      await page.getByLabel('Colonne pour « objet »').selectOption({ label: 'Client' });
      await page.getByText('2 lignes valides, prêtes à importer.').waitFor();
      await page.getByText('Fichier lu en Windows-1252 (Excel, accents d’Europe de l’Ouest).').waitFor();
      await page.screenshot({ path: screenshotPath('timesheets-import-mapping'), fullPage: true });
      await page.getByRole('button', { name: 'Importer 2 lignes' }).click();
      await page.getByText('2 saisies importées.').waitFor();

      // The same file again: both lines are duplicates, skipped unless she ticks the box.
      await page.getByLabel('Importer un CSV…').setInputFiles(csvFile);
      await page.getByText('Rien à importer : toutes les lignes sont déjà enregistrées.').waitFor();
      await page.getByRole('checkbox', { name: 'importer aussi les doublons' }).waitFor();
      await page.screenshot({ path: screenshotPath('timesheets-import-duplicates'), fullPage: true });
      await page.close();
    } finally {
      await harness.close();
    }
  });
});
