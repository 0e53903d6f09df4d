import type { Page } from 'playwright-core';
import type { CallOffer } from '../../shared/domain/call';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import type { Harness } from '../../main/harness/server';
import { ensureRendererBuilt, freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

/** A call the way the softphone reports it, with the message taken on it (when a caller's name is given). */
function seedCall(harness: Harness, firmId: string, n: number, offer: Partial<CallOffer>, callerName?: string) {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const now = new Date();
  const at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 8, n * 7);
  const { services } = harness;
  services.calls.offer({
    id,
    direction: 'inbound',
    firmId,
    matchedBy: 'diversion',
    matchedNumber: null,
    callerNumber: '+33639980142',
    callerRaw: '',
    callerName: '',
    anonymous: false,
    diversionReason: null,
    diversionFrom: null,
    sipCallId: `e2e-${n}`,
    demo: false,
    at,
    ...offer,
  });
  services.calls.record({ type: 'answered', callId: id, at: at + 3000 });
  if (callerName) {
    services.messages.saveDraft({ firmId, callId: id, content: { callerName, motif: 'Rendez-vous à déplacer' } });
  }
  services.calls.record({ type: 'ended', callId: id, at: at + 95_000, reason: 'remote-hangup', detail: '' });
}

describe.runIf(enabled)('demo calls, call log and Temps in Chromium (1280×720, French)', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    // Building the renderer can take minutes on a loaded machine: not inside a test's time.
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('marks demo calls, names callers from their message, and shows a Réunion firm’s times in its zone', async () => {
    const harness = await startTestHarness(freshDataDir());
    try {
      const { services } = harness;
      services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: 'Julie' });
      const martin = services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
      const port = services.firms.save({
        draft: parsedDraft(
          makeFirmDraft({
            name: 'Pharmacie du Port',
            timeZone: 'Indian/Reunion',
            numbers: [{ e164: '02 62 00 00 01', label: '' }],
          }),
        ),
      });
      seedCall(harness, martin.id, 1, { demo: true, matchedBy: 'demo', sipCallId: 'demo-1' }, 'Marc Delorme');
      seedCall(harness, martin.id, 2, { callerName: 'DUPONT J' });
      seedCall(harness, port.id, 3, {}, 'Mme Hoarau');
      seedCall(harness, martin.id, 4, { direction: 'outbound', callerNumber: '+33145678901' });

      const page: Page = await browser.context.newPage();
      await page.goto(harness.url);
      await page.getByRole('navigation').getByRole('button', { name: 'Appels' }).click();
      await page.getByRole('heading', { name: 'Journal des appels' }).waitFor();
      const demoRow = page.getByRole('row').filter({ hasText: 'Marc Delorme' });
      await demoRow.getByText('DÉMO').waitFor();
      await page.getByText('aucun compte SIP n’est configuré', { exact: false }).waitFor();
      expect(await demoRow.getByRole('button', { name: 'Rappeler' }).isDisabled()).toBe(true);
      await page.getByRole('row').filter({ hasText: '→' }).getByText('01 45 67 89 01').waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: 'Mme Hoarau' })
        .getByText(/heure de La Réunion/)
        .waitFor();
      await page.screenshot({ path: screenshotPath('call-log-demo-fr-1280') });
      await demoRow.getByRole('button', { name: 'Ouvrir le message de Marc Delorme' }).click();
      const dialog = page.getByRole('dialog', { name: 'Message pris pendant l’appel' });
      await dialog.getByText('Rendez-vous à déplacer').waitFor();
      await page.screenshot({ path: screenshotPath('call-log-message-fr-1280') });
      await dialog.getByRole('button', { name: 'Fermer' }).click();

      await page.keyboard.press('Alt+5');
      await page.getByRole('heading', { name: 'Temps' }).waitFor();
      const demoEntry = page.getByRole('row').filter({ hasText: 'Marc Delorme' });
      await demoEntry.getByText('démo', { exact: true }).waitFor();
      await demoEntry.getByText('jamais facturé').waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: 'Mme Hoarau' })
        .getByText(/heure de La Réunion/)
        .waitFor();
      await page.screenshot({ path: screenshotPath('timesheets-demo-zone-fr-1280') });
      await page.close();
    } finally {
      await harness.close();
    }
  });

  it('opens Facturation on the current month, says why it is empty, and asks for her identity before a PDF', async () => {
    const harness = await startTestHarness(freshDataDir());
    try {
      const { services } = harness;
      services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: '', legalName: '' });
      const martin = services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
      seedCall(harness, martin.id, 1, { demo: true, matchedBy: 'demo', sipCallId: 'demo-1' }, 'Marc Delorme');
      const page: Page = await browser.context.newPage();
      await page.goto(harness.url);
      await page.getByRole('navigation').getByRole('button', { name: 'Facturation' }).click();
      await page.getByRole('heading', { name: 'Facturation' }).waitFor();
      const now = new Date();
      const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
      expect(await page.getByLabel('Mois', { exact: true }).inputValue()).toBe(month);
      await page.getByText('Rien à facturer pour', { exact: false }).waitFor();
      await page.getByText('1 saisie vient d’un appel de démonstration', { exact: false }).waitFor();
      await page.screenshot({ path: screenshotPath('billing-empty-month-fr-1280') });
      await page.getByRole('button', { name: 'PDF', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Votre identité de prestataire est incomplète' });
      await dialog.getByText('votre numéro SIREN').waitFor();
      await page.screenshot({ path: screenshotPath('billing-identity-warning-fr-1280') });
      await dialog.getByRole('button', { name: 'Compléter dans Réglages' }).click();
      await page.getByRole('dialog', { name: 'Réglages' }).waitFor();
      await page.close();
    } finally {
      await harness.close();
    }
  });

  it('takes a simulated call to a sent message: Temps says « Marc Delorme », démo, and nothing is billed', async () => {
    const harness = await startTestHarness(freshDataDir());
    try {
      const { services } = harness;
      services.workspace.initialise('demo');
      const firm = services.firms.list().find((f) => f.name === 'Cabinet Martin & Associés')!;
      const page: Page = await browser.context.newPage();
      await page.goto(harness.url);
      await page.getByRole('button', { name: 'Simuler un appel' }).click();
      await page.getByLabel('Pour le cabinet').selectOption({ label: 'Cabinet Martin & Associés' });
      await page.getByRole('button', { name: 'Faire sonner' }).click();
      await page.getByRole('button', { name: /Décrocher/ }).click();
      const desk = page.locator('.cd');
      await desk.getByRole('heading', { name: 'Cabinet Martin & Associés' }).waitFor();
      await page.getByLabel('Nom et prénom de l’appelant', { exact: true }).fill('Marc Delorme');
      await page.getByRole('button', { name: /Raccrocher/ }).click();
      await desk.getByText('Appel terminé', { exact: true }).waitFor();
      const form = desk.locator('.cd-message');
      await form.getByLabel('Motif', { exact: true }).fill('Rendez-vous à décaler');
      await form.getByLabel('Nature du dossier *').selectOption('Droit du travail');
      await desk.getByRole('button', { name: /^Envoyer le message/ }).click();
      await desk.getByRole('heading', { name: /^(Message envoyé|Enregistré)/ }).waitFor();

      const call = services.calls.list({ limit: 5, offset: 0 }).items[0]!;
      expect(call).toMatchObject({ demo: true, counterpart: 'Marc Delorme' });
      await expect.poll(() => services.timesheets.repository.getByCall(call.id)?.label).toBe('Marc Delorme');
      const month = services.billing.overview(new Date().toISOString().slice(0, 7)).find((r) => r.firmId === firm.id)!;
      expect(month).toMatchObject({ entryCount: 0, totalCents: 0, callsOffered: 0 });

      await page.keyboard.press('Alt+5');
      await page.getByRole('heading', { name: 'Temps' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Marc Delorme' }).first();
      await row.getByText('démo', { exact: true }).waitFor();
      await page.screenshot({ path: screenshotPath('timesheets-after-demo-call-fr-1280') });
      await page.close();
    } finally {
      await harness.close();
    }
  }, 120_000);
});
