import { firmDraftSchema } from '../../shared/domain/firm/aggregate';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

/** One link of every kind a consigne may hold; the ones that are not web, mail or phone must stay inert. */
const BODY = [
  '## Liens utiles',
  '',
  '- [Site du cabinet](https://www.cabinet-martin.test/horaires)',
  '- [Écrire à l’accueil](mailto:accueil@martin.test)',
  '- [Portable de Me Martin](tel:06-12-34-56-78)',
  '- [Paramètres](/settings)',
  '- [Recharger](?token=autre)',
  '- [Script](javascript:location.reload())',
  '- [Fichier](file:///etc/passwd)',
  '- [Page](data:text/html,<h1>ailleurs</h1>)',
].join('\n');

describe.runIf(enabled)('links in consignes during a call (Chromium through the harness)', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('clicking every kind of link keeps the page, its token, the call and the typed draft', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const martin = harness.services.firms.list().find((f) => f.name === 'Cabinet Martin & Associés')!;
    const detail = harness.services.firms.get(martin.id);
    harness.services.firms.save({
      id: detail.id,
      draft: firmDraftSchema.parse({
        profile: detail.profile,
        people: detail.people,
        consignes: { body: BODY, rules: detail.consignes.rules },
        script: detail.script,
        messageFields: detail.messageFields,
        billing: detail.billing,
      }),
    });

    const page = await browser.context.newPage();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await page.goto(harness.url);
    const home = page.url();
    navigations.length = 0;

    await page.getByRole('button', { name: 'Simuler un appel' }).click();
    await page.getByLabel('Pour le cabinet').selectOption({ label: 'Cabinet Martin & Associés' });
    await page.getByRole('button', { name: 'Faire sonner' }).click();
    await page.getByRole('button', { name: /Décrocher/ }).click();
    const desk = page.locator('.cd');
    await desk.getByRole('heading', { name: 'Cabinet Martin & Associés' }).waitFor();
    const callerName = page.getByLabel('Nom et prénom de l’appelant', { exact: true });
    await callerName.fill('M. Dupont');
    await page.getByRole('status').filter({ hasText: 'Brouillon enregistré' }).waitFor();

    const consignes = page.getByRole('region', { name: 'Consignes du cabinet' });
    await consignes.getByRole('heading', { name: 'Liens utiles' }).waitFor();
    await page.screenshot({ path: screenshotPath('consignes-links-01-call-desk') });

    // Web and mail links open in a new, unrelated context (Electron hands it to the allow-listed opener).
    const popup = browser.context.waitForEvent('page');
    await consignes.getByRole('link', { name: 'Site du cabinet' }).click();
    const opened = await popup;
    expect(await opened.evaluate(() => window.opener)).toBeNull();
    await opened.close();
    await consignes.getByRole('link', { name: 'Écrire à l’accueil' }).click();

    // Everything else is text: clicking it does nothing at all.
    for (const name of ['Paramètres', 'Recharger', 'Script', 'Fichier', 'Page']) {
      expect(await consignes.getByRole('link', { name }).count()).toBe(0);
      await consignes.getByText(name, { exact: true }).click();
    }

    // The same consignes on the call card: the same rules.
    const cards = page.getByRole('region', { name: 'Appel pour Cabinet Martin & Associés' });
    await cards.getByText('Consignes', { exact: true }).click();
    for (const name of ['Paramètres', 'Recharger']) {
      expect(await cards.getByRole('link', { name }).count()).toBe(0);
      await cards.getByText(name, { exact: true }).click();
    }
    expect(await cards.getByRole('link', { name: 'Site du cabinet' }).getAttribute('target')).toBe('_blank');

    // tel: dials through the softphone: the caller waits on hold, nobody is cut off.
    await consignes.getByRole('button', { name: 'Portable de Me Martin' }).click();
    await expect.poll(() => cards.count()).toBe(2);
    const caller = cards.filter({ hasText: 'en attente' });
    await caller.waitFor();
    expect(await caller.getAttribute('data-call-state')).toBe('active');
    await page.screenshot({ path: screenshotPath('consignes-links-02-after-clicks') });

    expect(page.url()).toBe(home);
    expect(navigations).toEqual([]);
    await expect.poll(() => callerName.inputValue()).toBe('M. Dupont');
    await desk.getByRole('heading', { name: 'Cabinet Martin & Associés' }).waitFor();
    await page.close();
    await harness.close();
  });
});
