import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

describe.runIf(enabled)('foundation in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers the demo workspace on first run, edits a firm, and finds the edit after a reload and a restart', async () => {
    const dataDir = freshDataDir();
    let harness = await startTestHarness(dataDir, 'fixed-token-for-restart');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Bienvenue dans Permanence' }).waitFor();
    await shot(page, 'foundation-01-first-run');
    await page.getByRole('button', { name: /espace de démonstration/ }).click();

    const list = page.getByRole('list', { name: 'Liste des cabinets' });
    await list.getByRole('button').first().waitFor();
    expect(await list.getByRole('button').count()).toBe(5);
    await list.getByRole('button', { name: /Plomberie/ }).click();
    await page.getByRole('heading', { name: /Plomberie/ }).waitFor();
    await shot(page, 'foundation-02-identity');

    const greeting = page.getByLabel('Phrase d’accueil');
    await greeting.fill('Plomberie Szymański, bonjour, urgence fuite ou devis ?');
    await page.getByRole('tab', { name: 'Identité et numéros' }).focus();
    await page.getByRole('status').filter({ hasText: 'Modifications non enregistrées' }).waitFor();
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();

    // Every tab renders and is reachable from the keyboard.
    await page.getByRole('tab', { name: 'Identité et numéros' }).focus();
    for (const tab of [
      'Horaires',
      'Personnes',
      'Consignes',
      'Script d’appel',
      'Champs du message',
      'Facturation',
      'Contacts',
    ]) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
      await shot(page, `foundation-tab-${tab.split(/\s/)[0]!.toLowerCase()}`);
    }

    await page.reload();
    await list.getByRole('button', { name: /Plomberie/ }).click();
    await expect
      .poll(() => page.getByLabel('Phrase d’accueil').inputValue())
      .toBe('Plomberie Szymański, bonjour, urgence fuite ou devis ?');

    await harness.close();
    harness = await startTestHarness(dataDir, 'fixed-token-for-restart');
    await page.goto(harness.url);
    await list.getByRole('button', { name: /Plomberie/ }).click();
    await expect.poll(() => page.getByLabel('Phrase d’accueil').inputValue()).toContain('urgence fuite ou devis');
    await page.close();
    await harness.close();
  });

  it('refuses an invalid edit inline, in French, and keeps what was typed', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page
      .getByRole('list', { name: 'Liste des cabinets' })
      .getByRole('button', { name: /Martin/ })
      .click();
    await page.getByLabel('Numéro 1', { exact: true }).fill('12');
    await page.getByLabel('Nom du cabinet').fill('');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('le nom est obligatoire').waitFor();
    await page.getByText('numéro de téléphone invalide').waitFor();
    await shot(page, 'foundation-03-validation');
    expect(await page.getByLabel('Numéro 1', { exact: true }).inputValue()).toBe('12');
    const stored = harness.services.firms.list().find((f) => f.id === 'demo-cabinet-martin');
    expect(stored?.name).toMatch(/Martin/);
    await page.close();
    await harness.close();
  });

  it('imports a bad workspace file with a clear message naming the field, and changes nothing', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const before = harness.services.workspace.exportContent().content;
    const bad = path.join(freshDataDir(), 'mauvais.json');
    const file = JSON.parse(before) as { firms: Array<{ firm: { profile: { numbers: Array<{ e164: string }> } } }> };
    file.firms[1]!.firm.profile.numbers[0]!.e164 = 'pas un numéro';
    fs.writeFileSync(bad, JSON.stringify(file));

    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Réglages' }).click();
    await page.getByLabel('Fichier d’espace de travail à importer').setInputFiles(bad);
    const alert = page.getByRole('alert').filter({ hasText: 'Fichier refusé' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('firms.1.firm.profile.numbers.0.e164');
    expect(await alert.textContent()).toContain('numéro de téléphone invalide');
    await shot(page, 'foundation-04-import-error');
    expect(JSON.parse(harness.services.workspace.exportContent().content).firms).toEqual(JSON.parse(before).firms);
    await page.close();
    await harness.close();
  });

  it('switches the whole interface to English without a restart', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Réglages' }).click();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('tab', { name: 'Identity and numbers' }).waitFor();
    await shot(page, 'foundation-05-english');
    await page.close();
    await harness.close();
  });
});
