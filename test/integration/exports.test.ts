import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { hasTool } from '../e2e/support/chromium';
import { tempDir } from '../fixtures/factories';
import { handledCall, missedCall, setupFirm, T0 } from '../unit/main/timesheets/support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A realistic month: calls (one at night, one on 11 November), typed pages, mail, a forfait firm beside it. */
function seedMonth() {
  const { t, firm, clock } = setupFirm({
    time: { hourlyRateCents: 3600, roundingUnitSeconds: 60, roundingDirection: 'up', minimumPerCallSeconds: 60 },
    perTask: { unitPriceCents: { 'typing-page': 350, mail: 250 } },
    majorations: [
      {
        id: 'nuit',
        kind: 'time-window',
        label: 'Nuit 19h–8h',
        from: '19:00',
        to: '08:00',
        supplement: { type: 'percent', basisPoints: 2500 },
      },
      { id: 'ferie', kind: 'public-holiday', label: 'Jour férié', supplement: { type: 'percent', basisPoints: 5000 } },
      { id: 'urgent', kind: 'urgent', label: 'Urgence', supplement: { type: 'fixed', cents: 500 } },
    ],
    afterCallWork: { mode: 'fixed', fixedSeconds: 30 },
    billingAddress: '12 rue de la Paix\n75002 Paris',
    siren: '732 829 320',
  });
  t.services.settings.update({
    legalName: 'Julie Moreau',
    siren: '912 345 678',
    address: '4 allée des Tilleuls\n69003 Lyon',
    vatMode: 'franchise',
  });
  for (let i = 0; i < 40; i += 1)
    handledCall(t, firm.id, Date.UTC(2026, 10, 2 + (i % 27), 8 + (i % 9), 5 * i), 4 + (i % 25), 45 + i * 7);
  handledCall(t, firm.id, Date.UTC(2026, 10, 11, 10, 0), 3, 200, { callerName: '=HYPERLINK("http://x")' });
  handledCall(t, firm.id, Date.UTC(2026, 10, 20, 20, 30), 6, 95, { callerName: 'M. Lefèvre (nuit)' });
  for (let i = 0; i < 6; i += 1) missedCall(t, firm.id, Date.UTC(2026, 10, 3 + i, 9, 30), 30);
  const manual = (
    taskType: 'typing-page' | 'mail' | 'admin',
    day: number,
    seconds: number,
    quantity: number,
    label: string,
    urgent = false,
  ) =>
    t.services.timesheets.create({
      firmId: firm.id,
      taskType,
      startedAt: Date.UTC(2026, 10, day, 14),
      durationSeconds: seconds,
      quantity,
      billable: true,
      urgent,
      label,
      note: '',
    });
  manual('typing-page', 5, 2400, 7, 'Conclusions Durand c/ SCI');
  manual('mail', 9, 900, 12, 'Courrier du jour');
  manual('admin', 17, 1500, 1, 'Dossier URSSAF', true);
  const other = t.services.firms.save({
    draft: {
      ...t.services.firms.get(firm.id),
      profile: {
        ...t.services.firms.get(firm.id).profile,
        name: 'Clinique des Lilas',
        numbers: [{ e164: '+33199007777', label: '' }],
      },
      consignes: { body: '', rules: {} },
      billing: {
        forfait: {
          enabled: true,
          monthlyFeeCents: 19_000,
          quotaUnit: 'calls',
          includedQuantity: 5,
          overagePriceCents: 150,
        },
      },
    } as never,
  });
  for (let i = 0; i < 8; i += 1) handledCall(t, other.id, Date.UTC(2026, 10, 4 + i, 9), 5, 60);
  clock.now = Date.UTC(2026, 11, 1, 8);
  return { t, firm, other };
}

describe('monthly exports', () => {
  const { t, firm, other } = seedMonth();
  const outDir = tempDir('permanence-exports-');
  let files: string[] = [];
  const expected = () => t.services.billing.firmMonth(firm.id, '2026-11').statement;

  beforeAll(async () => {
    const result = await t.services.exports.exportMonth({
      month: '2026-11',
      formats: ['pdf', 'xlsx', 'csv'],
      csvPreset: 'excel-fr',
      outDir,
    });
    files = result.files;
  });
  afterAll(() => t.close());

  it('writes every firm’s relevé into one folder with names that sort by month and say what they are', () => {
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      '2026-11_cabinet-martin_releve.csv',
      '2026-11_cabinet-martin_releve.pdf',
      '2026-11_cabinet-martin_releve.xlsx',
      '2026-11_clinique-des-lilas_releve.csv',
      '2026-11_clinique-des-lilas_releve.pdf',
      '2026-11_clinique-des-lilas_releve.xlsx',
    ]);
    const progress = t.events
      .filter((e) => e.name === 'exports:progress')
      .map((e) => e.payload as { done: number; total: number; finished: boolean });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toMatchObject({ total: 6, finished: true });
  });

  it('writes an Excel FR CSV (BOM, ;, decimal comma, CRLF, dd/mm/yyyy) whose amounts add up to the total', () => {
    const raw = fs.readFileSync(path.join(outDir, '2026-11_cabinet-martin_releve.csv'), 'utf8');
    expect(raw.startsWith('\uFEFFDate;Heure;Type')).toBe(true);
    expect(raw).toContain('\r\n');
    const rows = parse(raw, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows[0]!.Date).toMatch(/^\d{2}\/11\/2026$/);
    const cents = rows.reduce((sum, r) => sum + Math.round(Number(r['Montant HT']!.replace(',', '.')) * 100), 0);
    expect(cents).toBe(expected().totalCents);
    expect(rows.find((r) => r['Appelant / objet']!.includes('HYPERLINK'))!['Appelant / objet']).toBe(
      '\'=HYPERLINK("http://x")',
    );
  });

  it('writes a standard CSV (RFC 4180, ISO dates, decimal point) with the same figures', async () => {
    const dir = tempDir('permanence-exports-std-');
    const {
      files: [file],
    } = await t.services.exports.exportMonth({
      month: '2026-11',
      firmId: other.id,
      formats: ['csv'],
      csvPreset: 'standard',
      outDir: dir,
    });
    const raw = fs.readFileSync(file!, 'utf8');
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parse(raw, { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]!.Date).toMatch(/^2026-11-\d{2}$/);
    const cents = rows.reduce((sum, r) => sum + Math.round(Number(r['Montant HT']) * 100), 0);
    const statement = t.services.billing.firmMonth(other.id, '2026-11').statement;
    expect(statement.forfait).toMatchObject({ usedQuantity: 8, overageQuantity: 3, totalCents: 19_450 });
    expect(cents).toBe(statement.totalCents);
  });

  it('writes an XLSX whose detail has real date, duration and number cells and whose summary formulas match the total', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(outDir, '2026-11_cabinet-martin_releve.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Résumé', 'Détail']);
    const detail = workbook.getWorksheet('Détail')!;
    const first = detail.getRow(2);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect(first.getCell(6).numFmt).toBe('[h]:mm:ss');
    // exceljs reads a number formatted as a duration back as a Date counted from Excel's epoch: a real duration.
    const excelEpoch = Date.UTC(1899, 11, 30);
    expect(((first.getCell(6).value as Date).getTime() - excelEpoch) / 1000).toBeCloseTo(
      expected().lines[0]!.actualSeconds,
      0,
    );
    expect(typeof first.getCell(7).value).toBe('number');
    expect(detail.rowCount).toBe(expected().lines.length + 1);
    const summary = workbook.getWorksheet('Résumé')!;
    const total = summary.getColumn(1).values.findIndex((v) => v === 'Total HT');
    const cell = summary.getRow(total).getCell(2).value as { formula: string; result: number };
    expect(cell.formula).toMatch(/^ROUND\(/);
    expect(Math.round(cell.result * 100)).toBe(expected().totalCents);
  });

  it('gives the same total once LibreOffice recomputes the XLSX formulas', () => {
    if (!hasTool('/usr/bin/soffice', 'libreoffice-calc-nogui')) return;
    const work = tempDir('permanence-soffice-');
    execFileSync(
      '/usr/bin/soffice',
      [
        `-env:UserInstallation=file://${work}/profile`,
        '--headless',
        '--convert-to',
        'csv',
        '--outdir',
        work,
        path.join(outDir, '2026-11_cabinet-martin_releve.xlsx'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const csv = fs.readFileSync(path.join(work, '2026-11_cabinet-martin_releve.csv'), 'utf8');
    const rows = parse(csv, { relax_column_count: true }) as string[][];
    const totalRow = rows.find((r) => r[0] === 'Total HT')!;
    const cents = Math.round(
      Number(
        totalRow[1]!
          .replace(/[^\d.,-]/g, '')
          .replace(/,(?=\d{3})/g, '')
          .replace(',', '.'),
      ) * 100,
    );
    expect(cents).toBe(expected().totalCents);
  }, 150_000);

  it('writes a PDF whose text holds the identities, the totals, the VAT mention and the KPI summary', () => {
    if (!hasTool('/usr/bin/pdftotext', 'poppler-utils')) return;
    const text = execFileSync(
      '/usr/bin/pdftotext',
      ['-layout', path.join(outDir, '2026-11_cabinet-martin_releve.pdf'), '-'],
      { encoding: 'utf8' },
    );
    const euros = (cents: number) =>
      `${Math.floor(cents / 100)
        .toString()
        .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;
    expect(text).toContain('Julie Moreau EI');
    expect(text).toContain('SIREN 912 345 678');
    expect(text).toContain('Cabinet Martin');
    expect(text).toContain('SIREN 732 829 320');
    expect(text).toContain('Novembre 2026');
    expect(text).toMatch(new RegExp(`Total HT\\s+${euros(expected().totalCents)}`));
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
    expect(text).toContain('Appels présentés');
    expect(text).toContain('Majoration : Jour férié');
    expect(text).toContain('Conclusions Durand');
    const lilas = execFileSync(
      '/usr/bin/pdftotext',
      ['-layout', path.join(outDir, '2026-11_clinique-des-lilas_releve.pdf'), '-'],
      { encoding: 'utf8' },
    );
    expect(lilas).toContain('Consommation du forfait');
    expect(lilas).toContain('8 appels sur 5 inclus');
  });

  it('adds the VAT line and the TTC total when she charges VAT', async () => {
    if (!hasTool('/usr/bin/pdftotext', 'poppler-utils')) return;
    t.services.settings.update({ vatMode: 'rate', vatRateBasisPoints: 2000 });
    const dir = tempDir('permanence-exports-vat-');
    const {
      files: [file],
    } = await t.services.exports.exportMonth({
      month: '2026-11',
      firmId: other.id,
      formats: ['pdf'],
      csvPreset: 'excel-fr',
      outDir: dir,
    });
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file!, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/TVA 20 %\s+38,90 €/);
    expect(text).toMatch(/Total TTC\s+233,40 €/);
    expect(text).not.toContain('293 B');
    t.services.settings.update({ vatMode: 'franchise' });
  });
});

export { DAY, T0 };
