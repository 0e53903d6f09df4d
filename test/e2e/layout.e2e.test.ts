import type { Locator, Page } from 'playwright-core';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { ensureRendererBuilt, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

const box = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
  });

/** Whether the status bar holds on one line: as tall as its tallest item plus its padding, and nothing cut off. */
async function statusBarLayout(page: Page) {
  return page.locator('header.status-bar').evaluate((header) => {
    const style = getComputedStyle(header);
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const items = [...header.children].map((c) => c.getBoundingClientRect());
    const tallest = Math.max(...items.map((r) => r.height));
    const height = header.getBoundingClientRect().height;
    return {
      height,
      oneLine: height <= tallest + padding + 1,
      // Every item's text on a single line: none taller than a line of buttons.
      tallest,
      overflows: header.scrollWidth > header.clientWidth,
      // Items side by side, and what each holds inside it (the timer's stop button inside the timer).
      overlaps: items.some((r, i) => i > 0 && r.left < items[i - 1]!.right - 0.5),
      spills: [...header.querySelectorAll('*')].some((el) => {
        const outer = el.parentElement!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < outer.left - 0.5 || r.right > outer.right + 0.5);
      }),
      firmNameWidth: header.querySelector('.status-bar__firm-name')!.getBoundingClientRect().width,
      rightmost: Math.max(...items.map((r) => r.right)),
      width: Math.min(header.clientWidth, window.innerWidth),
    };
  });
}

describe.runIf(enabled)('the console layout at 1280×720', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    // A step that cannot happen fails on its own locator, well before the test's time is up.
    browser.context.setDefaultTimeout(20_000);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  const words = {
    fr: {
      screens: 'Écrans',
      simulate: 'Simuler un appel',
      ring: 'Faire sonner',
      answer: /Décrocher/,
      messages: 'Messages',
      take: 'Prendre un message',
    },
    en: {
      screens: 'Screens',
      simulate: 'Simulate a call',
      ring: 'Ring',
      answer: /Answer/,
      messages: 'Messages',
      take: 'Take a message',
    },
  };

  for (const locale of ['fr', 'en'] as const) {
    it(`keeps the status bar on one line in ${locale}, the simulate popover under its button and the call desk below the navigation`, async () => {
      const w = words[locale];
      const harness = await startTestHarness();
      harness.services.workspace.initialise('demo');
      harness.services.settings.update({ locale });
      // The longest status bar she can have: a firm on screen, a running timer for the firm with the longest name.
      const firms = harness.services.firms.list();
      const longest = [...firms].sort((a, b) => b.name.length - a.name.length)[0]!;
      harness.services.timesheets.startTimer({
        firmId: longest.id,
        taskType: 'other',
        label: '',
        note: '',
        urgent: false,
        billable: true,
      });
      const page = await browser.context.newPage();
      await page.goto(harness.url);
      await page.getByRole('timer').waitFor();
      await page.getByRole('status', { name: locale === 'fr' ? 'Cabinet affiché' : 'Firm on screen' }).waitFor();

      const header = await statusBarLayout(page);
      await page.screenshot({ path: screenshotPath(`layout-${locale}-01-status-bar`) });
      const about = JSON.stringify(header);
      expect(header.oneLine, about).toBe(true);
      expect(header.tallest, about).toBeLessThan(40);
      expect(header.overflows, about).toBe(false);
      expect(header.overlaps, about).toBe(false);
      expect(header.spills, about).toBe(false);
      // The firm on screen stays readable (its full name is in the tooltip when it is cut).
      expect(header.firmNameWidth, about).toBeGreaterThan(120);
      expect(header.rightmost, about).toBeLessThanOrEqual(header.width);

      const simulate = page.getByRole('button', { name: w.simulate });
      await simulate.click();
      const popover = page.getByRole('form', { name: w.simulate });
      const [button, form] = [await box(simulate), await box(popover)];
      expect(form.top).toBeGreaterThanOrEqual(button.bottom);
      expect(Math.abs(form.left - button.left)).toBeLessThan(2);
      expect(form.bottom).toBeLessThanOrEqual(720);
      await page.screenshot({ path: screenshotPath(`layout-${locale}-02-simulate-popover`) });
      // Escape closes it and gives the focus back to its button.
      await page.keyboard.press('Escape');
      await popover.waitFor({ state: 'detached' });
      expect(await simulate.evaluate((el) => el === document.activeElement)).toBe(true);

      await simulate.click();
      await page.getByRole('button', { name: w.ring }).click();
      await page.getByRole('button', { name: w.answer }).click();
      const desk = page.locator('.cd--on-call');
      await desk.waitFor();
      const nav = await box(page.getByRole('navigation', { name: w.screens }));
      const statusBar = await box(page.locator('header.status-bar'));
      const deskBox = await box(desk);
      const card = await box(page.locator('.phone-card'));
      expect(statusBar.height).toBe(header.height);
      expect(deskBox.top).toBeGreaterThanOrEqual(statusBar.bottom);
      expect(deskBox.top).toBeGreaterThanOrEqual(nav.bottom);
      expect(card.top).toBeGreaterThanOrEqual(nav.bottom);
      await page.screenshot({ path: screenshotPath(`layout-${locale}-03-call-desk`) });

      // The navigation stays usable during the call: a screen replaces the desk, the call card offers it again.
      await page.getByRole('navigation', { name: w.screens }).getByRole('button', { name: w.messages }).click();
      await desk.waitFor({ state: 'detached' });
      await page.locator('.phone-card').getByRole('button', { name: w.take }).click();
      await desk.waitFor();
      await page.close();
      await harness.close();
    }, 90_000);
  }
});

describe.runIf(enabled)('a message sent without an SMTP account, at 1280×720', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    // A step that cannot happen fails on its own locator, well before the test's time is up.
    browser.context.setDefaultTimeout(20_000);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('says it is saved and waiting, leads to Réglages, and the idle desk counts what waits', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    // A screen that crashes goes blank: any uncaught error in the page fails the test.
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Simuler un appel' }).click();
    await page.getByRole('button', { name: 'Faire sonner' }).click();
    await page.getByRole('button', { name: /Décrocher/ }).click();
    const desk = page.locator('.cd--on-call');
    const form = desk.getByRole('form', { name: 'Message' });
    await form.getByLabel('Nom de l’appelant').fill('Marc Delorme');
    await form.getByLabel('Motif').fill('Visite d’un appartement');
    // The agency's own required field.
    await form.getByLabel('Référence du bien').fill('BX-1042');
    await page.keyboard.press('Control+Enter');

    const saved = desk.getByRole('heading', { name: 'Enregistré — en attente d’envoi (aucun compte SMTP)' });
    await saved.waitFor();
    // In sight without scrolling back up the form she sent from.
    const deskTop = (await box(desk)).top;
    const title = await box(saved);
    expect(title.top).toBeGreaterThanOrEqual(deskTop);
    expect(title.bottom).toBeLessThanOrEqual(720);
    expect(await desk.getByRole('heading', { name: 'Message envoyé' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('outbox-01-saved-waiting') });
    await desk.getByRole('button', { name: 'Configurer l’envoi dans Réglages' }).click();
    const settings = page.getByRole('dialog', { name: 'Réglages' });
    const smtpSection = settings.getByRole('group', { name: 'Envoi des messages par e-mail (SMTP)' });
    await smtpSection.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('outbox-02-settings') });
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    await page
      .locator('.phone-card')
      .getByRole('button', { name: /Raccrocher/ })
      .click();
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Poste d’appel' }).click();
    const waiting = page.getByRole('status', { name: 'Messages en attente d’envoi' });
    await waiting.filter({ hasText: '1 message en attente d’envoi — aucun compte SMTP n’est configuré' }).waitFor();
    await page.screenshot({ path: screenshotPath('outbox-03-idle-desk-count') });
    await waiting.getByRole('button', { name: 'Configurer l’envoi dans Réglages' }).click();
    await settings.waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
    await harness.close();
  }, 90_000);
});
