import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';
import { stepClock } from './support/steps';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

describe.runIf(enabled)('billing in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('turns calls and manual entries into a month she locks and exports, and the files open', async () => {
    const step = stepClock();
    const dataDir = freshDataDir();
    const harness = await startTestHarness(dataDir);
    step('harness started');
    const { services } = harness;
    services.settings.update({
      workspaceInitialisedAt: Date.UTC(2026, 0, 1),
      secretaryName: 'Julie',
      legalName: 'Julie Moreau',
      siren: '912 345 678',
      address: '4 allée des Tilleuls\n69003 Lyon',
    });
    const martin = services.firms.save({
      draft: parsedDraft(
        makeFirmDraft(
          { name: 'Cabinet Martin' },
          {
            billing: {
              afterCallWork: { mode: 'fixed', fixedSeconds: 30 },
              perTask: { unitPriceCents: { 'typing-page': 350 } },
            },
          },
        ),
      ),
    });
    const lilas = services.firms.save({
      draft: parsedDraft(
        makeFirmDraft({ name: 'Clinique des Lilas', numbers: [{ e164: '01 99 00 00 02', label: '' }] }),
      ),
    });
    // Calls recorded the way the softphone reports them.
    for (let i = 0; i < 12; i += 1) {
      const firmId = i % 3 === 0 ? lilas.id : martin.id;
      const at = Date.UTC(2026, 9, 1 + i * 2, 8 + (i % 8), 0);
      const id = `e2e-call-${i}`;
      services.calls.offer({
        id,
        direction: 'inbound',
        firmId,
        matchedBy: 'diversion',
        matchedNumber: null,
        callerNumber: '+33639980001',
        callerRaw: '',
        callerName: `Appelant ${i}`,
        anonymous: false,
        diversionReason: null,
        diversionFrom: null,
        sipCallId: '',
        demo: false,
        at,
      });
      if (i === 5) {
        services.calls.record({ type: 'ended', callId: id, at: at + 20_000, reason: 'caller-cancelled', detail: '' });
        continue;
      }
      services.calls.record({ type: 'answered', callId: id, at: at + 4000 });
      services.calls.record({
        type: 'ended',
        callId: id,
        at: at + 4000 + (60 + i * 17) * 1000,
        reason: 'remote-hangup',
        detail: '',
      });
    }
    services.timesheets.create({
      firmId: martin.id,
      taskType: 'typing-page',
      startedAt: Date.UTC(2026, 9, 14, 13),
      durationSeconds: 2700,
      quantity: 6,
      billable: true,
      urgent: false,
      label: 'Conclusions Durand',
      note: '',
    });

    step('calls and entries recorded');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    step('page loaded');
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Facturation' }).waitFor();
    step('shell shown');
    await page.screenshot({ path: screenshotPath('billing-00-shell') });
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: 'Facturation' }).waitFor();
    await page.getByLabel('Mois', { exact: true }).fill('2026-10');
    const martinRow = page.getByRole('row', { name: /Cabinet Martin/ });
    await martinRow.getByText(/€/).waitFor();
    const expected = services.billing.firmMonth(martin.id, '2026-10').statement.totalCents;
    const shown = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(expected / 100);
    await expect.poll(() => martinRow.textContent()).toContain(shown);
    await page.getByRole('button', { name: 'Cabinet Martin', exact: true }).click();
    await page.getByRole('region', { name: /Détail : Cabinet Martin/ }).waitFor();
    await page.getByText('Conclusions Durand').waitFor();
    step('month shown');
    await shot(page, 'billing-01-month');
    step('screenshot');

    // Lock the month: the lock is visible and editing an entry of that month is refused.
    await page.getByRole('button', { name: 'Verrouiller le mois de Cabinet Martin' }).click();
    await page.getByRole('button', { name: 'Déverrouiller le mois de Cabinet Martin' }).waitFor();
    expect(() =>
      services.timesheets.create({
        firmId: martin.id,
        taskType: 'mail',
        startedAt: Date.UTC(2026, 9, 20, 9),
        durationSeconds: 60,
        quantity: 1,
        billable: true,
        urgent: false,
        label: '',
        note: '',
      }),
    ).toThrow(/verrouillé/);

    step('month locked');
    // Export every firm in every format, with the progress bar.
    await page.getByRole('button', { name: 'Tout exporter (PDF, XLSX, CSV)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /6 fichiers écrits/ })
      .waitFor();
    step('exported');
    await shot(page, 'billing-02-exported');
    const outDir = path.join(dataDir, 'exports', '2026-10');
    expect(fs.readdirSync(outDir).sort()).toEqual([
      '2026-10_cabinet-martin_releve.csv',
      '2026-10_cabinet-martin_releve.pdf',
      '2026-10_cabinet-martin_releve.xlsx',
      '2026-10_clinique-des-lilas_releve.csv',
      '2026-10_clinique-des-lilas_releve.pdf',
      '2026-10_clinique-des-lilas_releve.xlsx',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(outDir, '2026-10_cabinet-martin_releve.xlsx'));
    expect(workbook.getWorksheet('Détail')!.rowCount).toBe(
      services.billing.firmMonth(martin.id, '2026-10').statement.lines.length + 1,
    );
    if (hasTool('/usr/bin/pdftotext', 'poppler-utils')) {
      const text = execFileSync(
        '/usr/bin/pdftotext',
        ['-layout', path.join(outDir, '2026-10_cabinet-martin_releve.pdf'), '-'],
        { encoding: 'utf8' },
      );
      expect(text).toContain('Julie Moreau EI');
      expect(text).toContain(shown.replace(/\u202f|\u00a0/g, ' '));
    }

    step('files read back');
    // The Temps screen lists the month's entries, call-derived and manual.
    await page.keyboard.press('Alt+5');
    await page.getByRole('heading', { name: 'Temps' }).waitFor();
    await page.getByLabel('Mois', { exact: true }).fill('2026-10');
    await page.getByText('Conclusions Durand').waitFor();
    step('time screen shown');
    await shot(page, 'billing-03-time');
    await page.close();
    await harness.close();
  }, 120_000);
});
