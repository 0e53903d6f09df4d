import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { ensureRendererBuilt, screenshotPath, startTestHarness } from './support/harness';
import type { Harness } from '../../main/harness/server';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

/**
 * axe-core over every screen, in French at 1280×720: WCAG 2 A/AA (contrast, names and labels, roles). A violation
 * fails the test and is printed with the element and the reason.
 */
describe.runIf(enabled)('accessibility of every screen (axe-core, WCAG 2 AA)', () => {
  let browser: LaunchedBrowser;
  let harness: Harness;
  let page: Page;
  const found: string[] = [];

  async function check(screen: string) {
    await page.screenshot({ path: screenshotPath(`a11y-${screen}`) });
    const violations = await axeViolations(page);
    if (violations.length > 0) found.push(describeViolations(screen, violations));
    return violations;
  }

  async function expectClean(screen: string) {
    const violations = await check(screen);
    expect(
      violations.map((v) => v.id),
      describeViolations(screen, violations),
    ).toEqual([]);
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    browser.context.setDefaultTimeout(20_000);
    harness = await startTestHarness();
    page = await browser.context.newPage();
  }, 300_000);
  afterAll(async () => {
    if (found.length > 0) console.log(found.join('\n\n'));
    await page?.close();
    await harness?.close();
    await browser?.close();
  });

  it('the check itself catches near-white text on cream and a field without a label', async () => {
    const probe = await browser.context.newPage();
    await probe.setContent(
      '<html lang="fr"><head><title>Sonde</title></head><body><main>' +
        '<p style="color:#f1f3f7;background:#fff4e0">0:00:03</p><input type="text">' +
        '</main></body></html>',
    );
    const ids = (await axeViolations(probe)).map((v) => v.id);
    await probe.close();
    expect(ids).toEqual(expect.arrayContaining(['color-contrast', 'label']));
  });

  it('first run', async () => {
    await page.goto(harness.url);
    await page
      .getByRole('button', { name: /démonstration/ })
      .first()
      .waitFor();
    await expectClean('01-first-run');
  });

  it('Cabinets and every tab of the firm editor', async () => {
    harness.services.workspace.initialise('demo');
    const firm = harness.services.firms.list()[0]!;
    // The status bar as she sees it most of the day: a timer running.
    harness.services.timesheets.startTimer({
      firmId: firm.id,
      taskType: 'other',
      label: '',
      note: '',
      urgent: false,
      billable: true,
    });
    await page.goto(harness.url);
    await page.getByRole('timer').waitFor();
    const tabs = page.getByRole('tablist').first().getByRole('tab');
    await tabs.first().waitFor();
    const violations = [...(await check('02-firms'))];
    const names = await tabs.allInnerTexts();
    for (const i of names.keys()) {
      await tabs.nth(i).click();
      await tabs.nth(i).and(page.locator('[aria-selected="true"]')).waitFor();
      await page.getByRole('tabpanel').first().waitFor();
      violations.push(...(await check(`03-firm-tab-${i + 1}`)));
    }
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(
      violations.map((v) => v.id),
      found.join('\n\n'),
    ).toEqual([]);
  }, 120_000);

  it('the « Simuler un appel » popover', async () => {
    await page.getByRole('button', { name: 'Simuler un appel' }).click();
    await page.getByRole('form', { name: 'Simuler un appel' }).waitFor();
    await expectClean('04-simulate-popover');
  });

  it('Poste d’appel during a demo call', async () => {
    await page.getByRole('button', { name: 'Faire sonner' }).click();
    await page.getByRole('button', { name: /Décrocher/ }).waitFor();
    const ringing = await check('05-ringing');
    await page.getByRole('button', { name: /Décrocher/ }).click();
    await page.locator('.cd--on-call').getByRole('region', { name: 'Script' }).waitFor();
    const desk = await check('06-call-desk-on-call');
    // A message taken and sent (no SMTP account: saved, waiting), so the lists that follow are not empty.
    const form = page.locator('.cd--on-call').getByRole('form', { name: 'Message' });
    await form.getByLabel('Nom de l’appelant').fill('Marc Delorme');
    await form.getByLabel('Motif').fill('Visite d’un appartement');
    await form.getByLabel('Référence du bien').fill('BX-1042');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Enregistré — en attente d’envoi (aucun compte SMTP)' }).waitFor();
    const sent = await check('06b-call-desk-sent');
    expect(
      [...ringing, ...desk, ...sent].map((v) => v.id),
      found.join('\n\n'),
    ).toEqual([]);
    await page
      .locator('.phone-card')
      .getByRole('button', { name: /Raccrocher/ })
      .click();
    await page.keyboard.press('Escape');
  });

  it('Poste d’appel, idle', async () => {
    await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Poste d’appel' }).click();
    await page.getByRole('heading', { name: 'Poste d’appel', level: 1 }).waitFor();
    await expectClean('07-call-desk-idle');
  });

  it('Messages', async () => {
    await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Messages' }).click();
    await page.getByRole('option').filter({ hasText: 'Marc Delorme' }).click();
    await page.getByRole('article').waitFor();
    await expectClean('08-messages');
  });

  it('Facturation', async () => {
    await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Facturation' }).click();
    await page.locator('.view').getByRole('heading').first().waitFor();
    await expectClean('09-billing');
  });

  it('Temps', async () => {
    await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Temps' }).click();
    await page.getByRole('heading', { name: 'Temps' }).waitFor();
    await expectClean('10-time');
  });

  it('Appels', async () => {
    await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Appels' }).click();
    await page.locator('.call-log').waitFor();
    await expectClean('11-calls');
  });

  it('the quick time entry dialog (Ctrl+E)', async () => {
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectClean('12a-quick-entry');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('every other screen of the navigation (a screen added later is checked too)', async () => {
    const covered = ['Cabinets', 'Poste d’appel', 'Messages', 'Facturation', 'Temps', 'Appels'];
    const nav = page.getByRole('navigation', { name: 'Écrans' });
    const names = await nav.getByRole('button').allInnerTexts();
    const violations = [];
    for (const name of names.filter((n) => !covered.includes(n))) {
      const item = nav.getByRole('button', { name, exact: true });
      await item.click();
      await item.and(page.locator('[aria-current="page"]')).waitFor();
      await page.locator('.view').getByRole('heading').first().waitFor();
      violations.push(...(await check(`12b-screen-${name.toLowerCase().replace(/\W+/g, '-')}`)));
    }
    expect(
      violations.map((v) => v.id),
      found.join('\n\n'),
    ).toEqual([]);
  });

  it('Réglages', async () => {
    await page.getByRole('button', { name: 'Réglages', exact: true }).click();
    await page.getByRole('dialog', { name: 'Réglages' }).waitFor();
    await expectClean('12-settings');
  });
});
