import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';
import { requireRadicale, startRadicale, type Radicale } from '../support/radicale';

const enabled = hasTool(CHROMIUM_PATH, 'chromium') && requireRadicale();

describe.runIf(enabled)('firm editor › Synchronisation des agendas in Chromium, against Radicale', () => {
  let browser: LaunchedBrowser;
  let radicale: Radicale;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    radicale = await startRadicale();
    radicale.makeCalendar('morel', 'cabinet', 'Cabinet Dr Morel');
    radicale.makeCalendar('morel', 'perso', 'Personnel');
  });
  afterAll(async () => {
    await browser?.close();
    await radicale?.stop();
  });

  it('links Dr Morel’s agenda to the calendar chosen on the server and syncs it', async () => {
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
      await page.getByRole('tab', { name: 'Synchronisation des agendas' }).click();
      const morel = page.getByRole('group', { name: /Synchronisation de Dr .*Morel/ });
      await morel.getByLabel('Adresse du serveur CalDAV').fill(radicale.url);
      await morel.getByLabel('Utilisateur').fill('morel');
      await morel.getByLabel('Mot de passe').fill('secret-morel');
      await morel.getByRole('button', { name: 'Enregistrer et chercher les calendriers' }).click();
      await morel.getByText('2 calendriers trouvés.').waitFor();
      await morel.getByLabel('Calendrier').selectOption({ label: 'Cabinet Dr Morel' });
      await morel.getByRole('button', { name: 'Utiliser ce calendrier' }).click();
      await morel.getByRole('button', { name: 'Synchroniser maintenant' }).click();
      await morel.getByText(/Dernière synchronisation/).waitFor({ timeout: 120_000 });
      await morel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('agenda-sync-01-linked') });
      const violations = await axeViolations(page);
      expect(
        violations.map((v) => v.id),
        describeViolations('agenda-sync', violations),
      ).toEqual([]);
    } finally {
      await page.close();
      await harness.close();
    }
  }, 240_000);
});
