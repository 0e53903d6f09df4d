import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './support/axe';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';
import { seedPeople } from '../integration/privacy-rights/seed';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name) });
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => v.id),
    describeViolations(name, violations),
  ).toEqual([]);
}

describe.runIf(enabled)('rights request and in-app restore in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds, exports and erases a person, then a restore of an older backup keeps her erased', async () => {
    const harness = await startTestHarness(freshDataDir());
    harness.services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: 'Julie' });
    const seeded = seedPeople(harness.services, harness.db);
    const backup = harness.services.privacy.backupNow().backup.name; // holds her data
    const page = await browser.context.newPage();
    try {
      await page.goto(harness.url);
      await page.getByRole('navigation').getByRole('button', { name: 'Factures' }).waitFor();
      await page.keyboard.press('Control+,');
      const settings = page.getByRole('dialog', { name: 'Réglages' });
      await settings.getByRole('button', { name: 'Demande d’une personne…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Demande d’une personne' });
      await dialog.getByRole('option', { name: 'Cabinet Martin' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Cabinet qui demande').selectOption({ label: 'Cabinet Martin' });
      await dialog.getByLabel('Numéro').fill('06 11 22 33 44');
      await dialog.getByLabel('Nom', { exact: true }).fill('Hélène Kerjean');
      await dialog.getByRole('button', { name: 'Rechercher' }).click();
      const results = dialog.getByRole('region', { name: 'Résultats' });
      await results.getByRole('status').filter({ hasText: '8 éléments trouvés' }).waitFor();
      await shot(page, 'privacy-rights');

      await dialog.getByRole('button', { name: 'Exporter (JSON et PDF)' }).click();
      const exported = dialog.getByRole('status').filter({ hasText: 'Export écrit' });
      await exported.waitFor();
      const [, pdf, json] = /Export écrit : (.+\.pdf) et (.+\.json)\./.exec((await exported.textContent()) ?? '') ?? [];
      expect(fs.existsSync(pdf!) && fs.existsSync(json!)).toBe(true);

      await dialog.getByRole('button', { name: 'Effacer…' }).click();
      await dialog.getByRole('alertdialog').getByRole('button', { name: 'Effacer définitivement' }).click();
      await dialog.getByRole('status').filter({ hasText: 'Effacement fait : 8 éléments' }).waitFor();
      await dialog.getByRole('button', { name: 'Fermer' }).click();

      // Réglages › Sauvegardes: restore the backup made before the erasure.
      const backups = settings.getByRole('group', { name: 'Sauvegardes' });
      await backups.getByRole('button', { name: /^Restaurer la sauvegarde du / }).click();
      const confirm = backups.getByRole('alertdialog');
      await confirm.getByText(/les effacements faits depuis cette sauvegarde sont réappliqués/).waitFor();
      await confirm.scrollIntoViewIfNeeded();
      await shot(page, 'privacy-restore-confirm');
      await confirm.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
      // The page reloads on the restored store: the settings dialog is gone, the shell is back.
      await settings.waitFor({ state: 'detached' });
      await page.getByRole('navigation').getByRole('button', { name: 'Factures' }).waitFor();

      const db = harness.db; // the restored store, reopened by the harness
      const count = (sql: string, ...params: unknown[]) =>
        db
          .prepare(sql)
          .pluck()
          .get(...params) as number;
      expect(count("SELECT count(*) FROM contacts WHERE name = 'Hélène Kerjean'")).toBe(0);
      expect(count("SELECT count(*) FROM contacts WHERE name = 'Marc Dupont'")).toBe(1);
      expect(
        count("SELECT count(*) FROM messages WHERE firm_id = ? AND caller_name = 'Hélène Kerjean'", seeded.martin),
      ).toBe(0);
      expect(count('SELECT count(*) FROM erasure_tombstones')).toBe(1);
      const audit = db.prepare('SELECT kind, subject, detail FROM audit_log ORDER BY seq').all() as {
        kind: string;
        subject: string;
        detail: string;
      }[];
      const restored = audit.filter((a) => a.kind === 'backup.restored' || a.kind === 'erasures.reapplied');
      expect(restored.map((a) => [a.kind, a.subject])).toEqual([
        ['backup.restored', backup],
        ['erasures.reapplied', backup],
      ]);
      expect(JSON.parse(restored[1]!.detail)).toMatchObject({ tombstones: 1, contacts: 1, messages: 2 });
      expect(harness.services.privacy.backups.list().some((b) => b.reason === 'before-restore')).toBe(true);
    } finally {
      await page.close();
      await harness.close();
    }
  }, 180_000); // a browser, a backup, an erasure and a restore: up to two minutes on the shared 2-core machine
});
