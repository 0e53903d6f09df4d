import type { Locator, Page } from 'playwright-core';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { ensureRendererBuilt, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`desk-polish-${name}`), fullPage: false });
}

/** Visible without scrolling: inside the window and the topmost element at its centre (not under the header). */
async function visibleWithoutScrolling(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

async function ring(page: Page, firm: string) {
  await page.getByRole('button', { name: 'Simuler un appel' }).click();
  await page.getByLabel('Pour le cabinet').selectOption({ label: firm });
  await page.getByRole('button', { name: 'Faire sonner' }).click();
}

describe.runIf(enabled)('the call desk at 1280×720, in French', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    // Building the renderer can take minutes on a loaded machine: not inside a test's own time.
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('names the ringing call’s firm in the header, keeps « Envoyer » in sight, and says the call ended and the message left', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    const list = page.getByRole('list', { name: 'Liste des cabinets' });
    await list.getByRole('button', { name: /Plomberie/ }).click();
    const pill = page.getByRole('status', { name: 'Cabinet affiché' });
    await expect.poll(() => pill.textContent()).toContain('Plomberie');

    await ring(page, 'Cabinet Martin & Associés');
    await expect.poll(() => pill.textContent()).toContain('Cabinet Martin & Associés');
    await shot(page, '01-ringing');
    await page.getByRole('button', { name: /Décrocher/ }).click();
    const desk = page.locator('.cd');
    await desk.getByRole('heading', { name: 'Cabinet Martin & Associés' }).waitFor();
    expect(await pill.textContent()).toContain('Cabinet Martin & Associés');
    await page.getByLabel('Nom et prénom de l’appelant', { exact: true }).fill('M. Dupont');
    const send = desk.getByRole('button', { name: /^Envoyer le message/ });
    expect(await visibleWithoutScrolling(send)).toBe(true);
    await shot(page, '02-on-call');

    await page.getByRole('button', { name: /Raccrocher/ }).click();
    await desk.getByText('Appel terminé', { exact: true }).waitFor();
    const form = desk.locator('.cd-message');
    await form.getByLabel('Motif', { exact: true }).fill('Rendez-vous à décaler');
    await form.getByLabel('Nature du dossier *').selectOption('Droit du travail');
    expect(await desk.locator('.cd__header').textContent()).not.toContain('Appel en cours');
    await send.click();
    await desk.getByRole('heading', { name: /^(Message envoyé|Enregistré)/ }).waitFor();
    expect(await desk.textContent()).not.toContain('vérifiez le message puis envoyez-le');
    await desk.getByText('Message enregistré : plus rien à faire pour cet appel.').waitFor();
    expect(await desk.getByRole('button', { name: /Suivant/ }).count()).toBe(0);
    expect(await desk.textContent()).not.toContain('Appel en cours');
    await shot(page, '03-after-hangup-and-send');
    await page.close();
    await harness.close();
  }, 120_000);

  it('says where the draft went when Échap closes the desk, and lists it under « Brouillons en cours »', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await ring(page, 'Plomberie Szymański');
    await page.getByRole('button', { name: /Décrocher/ }).click();
    const desk = page.locator('.cd');
    await desk.getByRole('heading', { name: 'Plomberie Szymański' }).waitFor();
    await desk.locator('.cd-message').getByLabel('Nom de l’appelant', { exact: true }).fill('Mme Lebrun');
    await desk.getByText('Brouillon enregistré').waitFor();
    await page.keyboard.press('Escape');
    await desk.waitFor({ state: 'detached' });
    const notice = page.getByRole('status').filter({ hasText: 'Brouillon conservé' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('«\u00a0Brouillons en cours\u00a0»');
    await shot(page, '04-escape-notice');
    await notice.getByRole('button', { name: 'Voir les brouillons' }).click();
    const drafts = page.getByRole('region', { name: 'Brouillons en cours' });
    await drafts.getByRole('button', { name: /Plomberie Szymański — Mme Lebrun/ }).waitFor();
    await shot(page, '05-drafts');
    await page.close();
    await harness.close();
  }, 120_000);

  it('shows the firm editor’s tabs whole on at most two rows, gives the long fields the width, and shows amounts in euros', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page
      .getByRole('list', { name: 'Liste des cabinets' })
      .getByRole('button', { name: /Cabinet Martin/ })
      .click();
    const tabs = page.getByRole('tablist', { name: 'Sections de la fiche' });
    await tabs.waitFor();
    const rows = await tabs
      .getByRole('tab')
      .evaluateAll((els) => [...new Set(els.map((el) => Math.round(el.getBoundingClientRect().top)))]);
    // Eleven tabs since the agenda and confidentiality ones: a second row rather than labels cut to « Ho… ».
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    // …and none cut short: every label shows whole.
    const cut = await tabs
      .locator('.tabs__label')
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(cut).toEqual([]);
    // A number's label is not cut: its input shows the whole text.
    const label = page.getByLabel('Libellé').first();
    await label.fill('Ligne principale du cabinet (standard)');
    expect(await label.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await shot(page, '06-editor-identity');

    await page.getByRole('tab', { name: 'Consignes' }).click();
    const when = page.getByLabel('Quand').first();
    await when.waitFor();
    // Every rule's « Quand » and « Précision » show their whole sentence (wrapped, never cut).
    const hidden = await page
      .locator('.editor-row--transfer textarea')
      .evaluateAll(
        (els) => els.filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1).length,
      );
    expect(hidden).toBe(0);
    // The free text of a rule gets the width; the person picker stays as wide as a name.
    const [whenBox, toBox] = await Promise.all([
      when.boundingBox(),
      page.getByLabel('À qui', { exact: true }).first().boundingBox(),
    ]);
    expect(whenBox!.width).toBeGreaterThan(toBox!.width);
    await shot(page, '07-editor-consignes');
    await when.scrollIntoViewIfNeeded();
    await shot(page, '07b-editor-transfer-rules');

    await page.getByRole('tab', { name: 'Facturation' }).click();
    const rate = page.getByLabel('Taux horaire HT (€)');
    await expect.poll(() => rate.inputValue()).toMatch(/^\d+,\d{2}\s€$/);
    await shot(page, '08-editor-billing');
    await page.close();
    await harness.close();
  }, 120_000);

  it('shows the messages search placeholder whole and labels the date filters', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Messages', exact: true }).click();
    const search = page.getByRole('searchbox', { name: 'Rechercher dans les messages' });
    await search.waitFor();
    const fits = await search.evaluate((el: HTMLInputElement) => {
      const style = getComputedStyle(el);
      const canvas = document.createElement('canvas').getContext('2d')!;
      canvas.font = `${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return canvas.measureText(el.placeholder).width <= room;
    });
    expect(fits).toBe(true);
    const filters = page.getByRole('search', { name: /filtres/i });
    await filters.getByText('Du', { exact: true }).waitFor();
    await filters.getByText('Au', { exact: true }).waitFor();
    expect(await page.getByLabel('Du', { exact: true }).getAttribute('type')).toBe('date');
    await shot(page, '09-messages-filters');
    await nav.getByRole('button', { name: 'Appels', exact: true }).click();
    await page.getByLabel('Du', { exact: true }).waitFor();
    await shot(page, '10-call-log-filters');
    await page.close();
    await harness.close();
  }, 120_000);
});
