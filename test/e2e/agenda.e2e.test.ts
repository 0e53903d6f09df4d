import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { axeViolations, describeViolations } from './support/axe';
import { ensureRendererBuilt, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');
const FIRM = 'Cabinet du Dr Hélène Kerjean';

/** The agenda's own elements (the rest of each screen is the other screens' tests' business). */
const OURS = /rdv-|phone-card__availability/;

/** The screenshot to look at, and axe-core's WCAG 2 AA check of the agenda's elements on it. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`agenda-${name}`), fullPage: false });
  const violations = (await axeViolations(page))
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => OURS.test(`${n.target.join(' ')} ${n.html}`)) }))
    .filter((v) => v.nodes.length > 0);
  expect(
    violations.map((v) => v.id),
    describeViolations(name, violations),
  ).toEqual([]);
}

/**
 * The agenda in Chromium through the harness, on the demo medical practice (1280×720, French): a demo call
 * rings and the card says who is free; she answers, opens the slot finder with Alt+R, books with Entrée; the
 * confirmation is queued in the outbox once; then the day and week views.
 */
describe.runIf(enabled)('the agenda in Chromium (1280×720, French)', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    // Building the renderer can take minutes on a loaded machine: not inside a test's own time.
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('books from a demo call with Alt+R and Entrée, the confirmation queued once; day and week views', async () => {
    const harness = await startTestHarness();
    try {
      harness.services.workspace.initialise('demo');
      const page = await browser.context.newPage();
      await page.goto(harness.url);

      await page.getByRole('button', { name: 'Simuler un appel' }).click();
      await page.getByLabel('Pour le cabinet').selectOption({ label: FIRM });
      await page.getByRole('button', { name: 'Faire sonner' }).click();
      const card = page.getByRole('region', { name: `Appel pour ${FIRM}` });
      const availability = card.getByRole('list', { name: 'Disponibilité' });
      await availability.waitFor();
      expect(await availability.textContent()).toMatch(/Dr (Hélène Kerjean|Antoine Morel) : /);
      await shot(page, 'ring-card');

      await page.getByRole('button', { name: /Décrocher/ }).click();
      const desk = page.locator('.cd');
      await desk.getByRole('heading', { name: FIRM }).waitFor();
      const form = desk.locator('.cd-message');
      await form.getByLabel('Nom de l’appelant', { exact: true }).fill('Jeanne Petit');
      await form.getByLabel('E-mail', { exact: true }).fill('jeanne.petit@exemple.test');
      await desk.getByText('Brouillon enregistré').waitFor();

      await page.keyboard.press('Alt+r');
      const finder = desk.getByRole('region', { name: 'Prendre rendez-vous' });
      const slots = finder.getByRole('listbox', { name: 'Prochains créneaux libres' });
      await slots.getByRole('option').first().waitFor();
      expect(
        await finder.getByRole('combobox', { name: 'Motif' }).evaluate((el) => el === document.activeElement),
      ).toBe(true);
      const chosen = (await slots.getByRole('option').first().textContent()) ?? '';
      await shot(page, 'finder');
      await page.keyboard.press('Enter');
      await finder.waitFor({ state: 'detached' });

      const body = form.getByLabel('Message', { exact: true });
      await expect.poll(() => body.inputValue()).toMatch(/^RDV pris : Consultation avec Dr /);
      const time = /\d{2}:\d{2}/.exec(chosen)![0];
      expect(await body.inputValue()).toContain(time);

      const db = harness.services.ctx.db;
      const jobs = () =>
        db
          .prepare<[], { header: string; recipients: string }>(
            "SELECT message_id_header AS header, recipients FROM outbox WHERE message_id_header LIKE '<rdv-%'",
          )
          .all();
      await expect.poll(() => jobs().length).toBe(1);
      expect(jobs()[0]!.header).toMatch(/^<rdv-confirmation-0-/);
      expect(jobs()[0]!.recipients).toContain('jeanne.petit@exemple.test');

      await page.getByRole('button', { name: /Raccrocher/ }).click();
      await desk.getByText('Appel terminé', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await desk.waitFor({ state: 'detached' });

      await page.getByRole('navigation').getByRole('button', { name: 'Agenda' }).click();
      await page.getByRole('heading', { name: 'Agenda', level: 1 }).waitFor();
      await page.getByRole('combobox', { name: 'Cabinet', exact: true }).selectOption({ label: FIRM });
      const grid = page.getByRole('region', { name: /^Rendez-vous :/ });
      await grid.getByRole('region', { name: 'Dr Hélène Kerjean' }).waitFor();
      await grid.focus();
      // L: the next free slot's day (the practice's day, both practitioners side by side).
      await page.keyboard.press('l');
      await grid.getByRole('button').first().waitFor();
      await shot(page, 'day-view');
      await page.keyboard.press('s');
      await page.getByRole('heading', { name: /^Semaine du / }).waitFor();
      expect(await grid.getByRole('region').count()).toBe(7);
      await shot(page, 'week-view');
      // Still exactly one appointment mail after everything else (the demo's own appointments e-mail nobody).
      expect(jobs()).toHaveLength(1);
      await page.close();
    } finally {
      await harness.close();
    }
  }, 180_000);
});
