import type { Page } from 'playwright-core';
import type { Services } from '../../main/services';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

/** The month before today's, as the Factures screen opens on it. */
function previousMonth(): { month: string; year: number; index: number } {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return {
    month: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`,
    year: d.getFullYear(),
    index: d.getMonth(),
  };
}

function answeredCall(services: Services, firmId: string, id: string, at: number, talkSeconds: number) {
  services.calls.offer({
    id,
    direction: 'inbound',
    firmId,
    matchedBy: 'diversion',
    matchedNumber: null,
    callerNumber: '+33639980001',
    callerRaw: '',
    callerName: 'Appelant',
    anonymous: false,
    diversionReason: null,
    diversionFrom: null,
    sipCallId: '',
    demo: false,
    at,
  });
  services.calls.record({ type: 'answered', callId: id, at: at + 4000 });
  services.calls.record({
    type: 'ended',
    callId: id,
    at: at + 4000 + talkSeconds * 1000,
    reason: 'remote-hangup',
    detail: '',
  });
}

/** Her identity, three firms billed by time: one complete, one without SIREN, one she will not lock. */
function seed(services: Services, year: number, index: number) {
  services.settings.update({
    workspaceInitialisedAt: Date.UTC(2026, 0, 1),
    secretaryName: 'Julie',
    legalName: 'Julie Moreau',
    siren: '912 345 674',
    address: '4 allée des Tilleuls\n69003 Lyon',
    vatMode: 'franchise',
  });
  services.invoices.saveSettings({ iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' });
  const billing = (siren: string, address: string) => ({
    billing: {
      time: { hourlyRateCents: 3600, roundingUnitSeconds: 60 as const, roundingDirection: 'up' as const },
      perTask: { unitPriceCents: { 'typing-page': 350 } },
      billingAddress: address,
      siren,
    },
  });
  const martin = services.firms.save({
    draft: parsedDraft(
      makeFirmDraft({ name: 'Cabinet Martin' }, billing('732 829 320', '12 rue de la Paix\n75002 Paris')),
    ),
  });
  services.invoices.saveFirmDetails(martin.id, {
    ...services.invoices.firmDetails(martin.id),
    electronicAddress: { scheme: '0225', id: '732829320_COMPTA' },
    emails: ['compta@martin.test'],
  });
  const lilas = services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        { name: 'Clinique des Lilas', numbers: [{ e164: '01 99 00 00 02', label: '' }] },
        billing('', '3 avenue Foch\n69006 Lyon'),
      ),
    ),
  });
  const dupont = services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        { name: 'Étude Dupont', numbers: [{ e164: '01 99 00 00 03', label: '' }] },
        billing('552 100 554', '8 quai Voltaire\n75007 Paris'),
      ),
    ),
  });
  for (const [n, firm] of [martin, lilas, dupont].entries()) {
    for (let i = 0; i < 6; i += 1) {
      answeredCall(services, firm.id, `e2e-inv-${n}-${i}`, Date.UTC(year, index, 2 + i * 3, 8 + i, 0), 70 + i * 41);
    }
  }
  services.timesheets.create({
    firmId: martin.id,
    taskType: 'typing-page',
    startedAt: Date.UTC(year, index, 14, 13),
    durationSeconds: 2700,
    quantity: 6,
    billable: true,
    urgent: false,
    label: 'Conclusions Durand',
    note: '',
  });
  return { martin, lilas, dupont };
}

/** A screenshot at 1280×720 and axe-core's WCAG 2 A/AA check of the same state. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name) });
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => v.id),
    describeViolations(name, violations),
  ).toEqual([]);
}

describe.runIf(enabled)('invoices in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('locks the month, issues its invoices with each firm’s outcome, opens one and shows the settings', async () => {
    const harness = await startTestHarness(freshDataDir());
    const { services } = harness;
    const { month, year, index } = previousMonth();
    const { martin } = seed(services, year, index);

    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Factures' }).waitFor();

    // Lock two of the three firms' month in Facturation.
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: 'Facturation' }).waitFor();
    await page.getByLabel('Mois', { exact: true }).fill(month);
    for (const firm of ['Cabinet Martin', 'Clinique des Lilas']) {
      await page.getByRole('button', { name: `Verrouiller le mois de ${firm}` }).click();
      await page.getByRole('button', { name: `Déverrouiller le mois de ${firm}` }).waitFor();
    }

    // Factures opens on the previous month and issues after a confirmation.
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: 'Factures' }).waitFor();
    expect(await page.getByLabel('Mois', { exact: true }).inputValue()).toBe(month);
    await page.getByRole('button', { name: 'Émettre les factures du mois' }).click();
    const dialog = page.getByRole('dialog', { name: 'Émettre les factures ?' });
    await dialog.waitFor();
    await shot(page, 'invoices-00-confirm');
    await dialog.getByRole('button', { name: 'Émettre', exact: true }).click();

    const outcomes = page.getByRole('region', { name: 'Résultat de l’émission' });
    await outcomes.getByText(/facture FA-0001 émise/).waitFor();
    await expect.poll(() => outcomes.textContent()).toContain('Le SIREN du cabinet (9 chiffres) n’est pas renseigné.');
    expect(await outcomes.textContent()).toContain('verrouillez d’abord le mois dans Facturation');
    const total = services.billing.firmMonth(martin.id, month).statement.totalCents;
    const shown = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(total / 100);
    const row = page.getByRole('row', { name: /FA-0001/ });
    await expect.poll(() => row.textContent()).toContain(shown);
    await shot(page, 'invoices-01-issued');

    // The detail: parties, lines, totals, the franchise mention, and its actions.
    await page.getByRole('button', { name: 'Facture FA-0001', exact: true }).click();
    const detail = page.getByRole('region', { name: 'Facture FA-0001' });
    await detail.getByText('TVA non applicable, art. 293 B du CGI').waitFor();
    await detail.getByText('Julie Moreau EI').waitFor();
    await detail.getByText('Le PDF partira à : compta@martin.test.', { exact: false }).waitFor();
    await shot(page, 'invoices-02-detail');
    await detail.getByRole('form', { name: 'Établir un avoir' }).scrollIntoViewIfNeeded();
    await shot(page, 'invoices-02b-detail-actions');
    await detail.getByRole('button', { name: 'Marquer payée' }).click();
    await detail.getByText(/^Payée le /).waitFor();
    await expect.poll(() => row.textContent()).toContain('payée le');

    // « Facturation électronique » in Réglages.
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Réglages' });
    const section = settings.getByRole('group', { name: 'Facturation électronique' });
    await section.scrollIntoViewIfNeeded();
    await section.getByText('Prochain numéro : FA-0002').waitFor();
    await shot(page, 'invoices-03-settings');
    await section.getByLabel('Préfixe de numérotation').fill('2026 42');
    await section.getByRole('button', { name: 'Enregistrer la facturation électronique' }).click();
    await section.getByText('lettres, chiffres et + - _ / seulement, sans espace').waitFor();
    await section.getByLabel('Préfixe de numérotation').scrollIntoViewIfNeeded();
    await shot(page, 'invoices-04-settings-error');
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'hidden' });

    // The blocked firm: its record opens on « Compléter la fiche », she fills in its SIREN and electronic
    // address in the Facturation tab, and issuing that firm alone then gives the next number.
    await outcomes
      .getByRole('button', { name: 'Compléter la fiche de Clinique des Lilas (onglet Facturation)' })
      .click();
    await page.getByRole('heading', { name: /Clinique des Lilas/ }).waitFor();
    await page.getByRole('tab', { name: /Facturation/ }).click();
    const firmSection = page.getByRole('group', { name: 'Facture électronique du cabinet' });
    await firmSection.getByText('Le SIREN du cabinet (9 chiffres) n’est pas renseigné.').waitFor();
    await firmSection.scrollIntoViewIfNeeded();
    await shot(page, 'invoices-05-firm-section');
    await firmSection.getByLabel('SIREN', { exact: true }).fill('443 061 841');
    await firmSection.getByLabel('Adresse électronique', { exact: true }).fill('443061841_FACTURES');
    await firmSection
      .getByLabel('Destinataires des factures (e-mails)')
      .fill('compta@lilas.test, direction@lilas.test');
    await firmSection.getByRole('button', { name: 'Enregistrer la facture électronique du cabinet' }).click();
    await firmSection.getByText('Enregistré', { exact: true }).waitFor();
    await expect.poll(() => firmSection.textContent()).not.toContain('il manque');
    await page.keyboard.press('Alt+7');
    await page.getByLabel('Cabinet', { exact: true }).selectOption({ label: 'Clinique des Lilas' });
    await page.getByRole('button', { name: 'Émettre pour ce cabinet' }).click();
    await page
      .getByRole('dialog', { name: 'Émettre les factures ?' })
      .getByRole('button', { name: 'Émettre', exact: true })
      .click();
    await outcomes.getByText(/facture FA-0002 émise/).waitFor();
    await page
      .getByRole('row', { name: /FA-0002/ })
      .getByText('Clinique des Lilas')
      .waitFor();
    expect(services.invoices.list(month).map((i) => i.number)).toEqual(['FA-0001', 'FA-0002']);
    await page.close();
    await harness.close();
  }, 300_000);
});
