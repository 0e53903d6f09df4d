import type { Page } from 'playwright-core';
import { contract } from '../../shared/api';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { ensureRendererBuilt, freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');
const PASSPHRASE = 'cheval agrafe pile correcte';

/**
 * Issue 12's app lock in Chromium through the harness (whose store opens with the dev-only key file; its
 * passphrase slot wraps that key). The start-up unlock screen is Electron's (no keychain); this drives the lock.
 */
describe.runIf(enabled)('app lock in Chromium (1280×720, French)', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('locks on Ctrl+Maj+L with nothing readable left, shows a ringing demo call, unlocks with the passphrase', async () => {
    const harness = await startTestHarness(freshDataDir());
    try {
      const { services } = harness;
      services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: 'Julie Besson' });
      const firm = services.firms.save({
        draft: parsedDraft(
          makeFirmDraft(
            {
              name: 'Cabinet médical Lefort',
              greeting: 'Cabinet médical du docteur Lefort, bonjour, je vous écoute.',
              color: '#1d4ed8',
            },
            { consignes: { body: 'Résultats d’analyses : jamais au téléphone.', rules: {} } },
          ),
        ),
      });
      // Through the contract's schema, as the app saves it (the number normalised to E.164).
      services.contacts.save(
        contract.methods['contacts:save'].input.parse({
          firmId: firm.id,
          contact: { name: 'Mme Arlette Caradec', phones: ['06 12 34 56 78'] },
        }),
      );
      services.messages.saveDraft({
        firmId: firm.id,
        callId: null,
        content: { callerName: 'M. Pierre Vasseur', motif: 'Renouvellement d’ordonnance' },
      });
      const { recoveryCode } = await services.lock.setPassphrase(null, PASSPHRASE);
      expect(recoveryCode).not.toBeNull();

      const page: Page = await browser.context.newPage();
      await page.goto(harness.url);
      await page.getByText('Cabinet médical Lefort').first().waitFor();
      await page.getByRole('navigation').getByRole('button', { name: 'Messages' }).click();
      await page.getByText('M. Pierre Vasseur').first().waitFor();

      await page.keyboard.press('Control+Shift+L');
      await page.getByRole('heading', { name: 'Permanence est verrouillé' }).waitFor();
      expect(services.lock.isLocked()).toBe(true);
      const text = await page.evaluate(() => document.body.textContent ?? '');
      for (const secret of ['Lefort', 'Caradec', 'Vasseur', 'ordonnance', 'analyses', 'Julie']) {
        expect(text).not.toContain(secret);
      }
      // Not just hidden: no element of the console is left in the page at all.
      expect(await page.locator('.layout, nav, dialog, .view').count()).toBe(0);
      // A reload does not get round it: main still says locked and answers the lock and the ringing call only.
      await page.reload();
      await page.getByRole('heading', { name: 'Permanence est verrouillé' }).waitFor();
      expect(await page.evaluate(() => document.body.textContent ?? '')).not.toContain('Lefort');
      await page.waitForFunction(() => window.__permanencePhone !== undefined);
      const violations = await axeViolations(page);
      expect(violations, describeViolations('lock screen', violations)).toEqual([]);
      await page.screenshot({ path: screenshotPath('app-lock-locked') });

      // A demo call rings while locked: whom it is for, the greeting and the caller, so she can answer.
      await page.evaluate(([id]) => window.__permanencePhone!.simulateIncoming(id!, '+33612345678'), [firm.id]);
      const card = page.getByRole('article', { name: 'Appel pour Cabinet médical Lefort' });
      await card
        .getByTestId('greeting')
        .getByText('Cabinet médical du docteur Lefort, bonjour, je vous écoute.')
        .waitFor();
      await card.getByText('06 12 34 56 78').waitFor();
      await card.getByText('Mme Arlette Caradec').waitFor();
      await card.getByRole('button', { name: 'Décrocher (F9)' }).waitFor();
      const ringing = await page.evaluate(() => document.body.textContent ?? '');
      for (const secret of ['Vasseur', 'ordonnance', 'analyses']) expect(ringing).not.toContain(secret);
      const violationsRing = await axeViolations(page);
      expect(violationsRing, describeViolations('ringing while locked', violationsRing)).toEqual([]);
      await page.screenshot({ path: screenshotPath('app-lock-ringing') });

      // A wrong passphrase: the sentence, still locked; the right one: the console again.
      const field = page.getByLabel('Mot de passe', { exact: true });
      await field.fill('pas la bonne');
      await field.press('Enter');
      await page.getByText('Mot de passe ou clé incorrect.').waitFor();
      expect(services.lock.isLocked()).toBe(true);
      await field.fill(PASSPHRASE);
      await field.press('Enter');
      await page.getByRole('heading', { name: 'Permanence est verrouillé' }).waitFor({ state: 'detached' });
      await page.getByRole('navigation').getByRole('button', { name: 'Messages' }).waitFor();
      expect(services.lock.isLocked()).toBe(false);

      // Réglages › Verrouillage: on, 5 minutes, the passphrase can be changed.
      await page.keyboard.press('Control+,');
      const section = page.getByRole('dialog', { name: 'Réglages' }).getByRole('group', { name: 'Verrouillage' });
      await section.scrollIntoViewIfNeeded();
      expect(await section.getByRole('checkbox', { name: 'Verrouiller Permanence' }).isChecked()).toBe(true);
      expect(await section.getByLabel('Après une inactivité de').inputValue()).toBe('5');
      await section.getByRole('button', { name: 'Changer le mot de passe' }).waitFor();
      await page.screenshot({ path: screenshotPath('app-lock-settings') });
      const kinds = (
        harness.db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{ kind: string }>
      ).map((r) => r.kind);
      expect(kinds.filter((k) => k.startsWith('lock.') || k.startsWith('key.'))).toEqual([
        'key.created',
        'lock.unlock-failed',
        'lock.unlocked',
      ]);
    } finally {
      await harness.close();
    }
  }, 240_000);
});
