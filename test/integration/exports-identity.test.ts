import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { hasTool } from '../e2e/support/chromium';
import { tempDir } from '../fixtures/factories';
import { setupFirm } from '../unit/main/timesheets/support';

const LONG =
  'Relecture des conclusions Durand contre SCI Les Pins, pièces 1 à 14, bordereau et lettre d’envoi au greffe du tribunal judiciaire';

/** A month exported before she filled in her identity in Réglages, with one long description. */
async function exportWithoutIdentity() {
  const { t, firm } = setupFirm({ perTask: { unitPriceCents: { 'data-entry': 1200 } } });
  t.services.settings.update({ secretaryName: '', legalName: '', siren: '', address: '' });
  t.services.timesheets.create({
    firmId: firm.id,
    taskType: 'data-entry',
    startedAt: Date.UTC(2026, 10, 5, 14),
    durationSeconds: 1800,
    quantity: 1,
    billable: true,
    urgent: false,
    label: LONG,
    note: '',
  });
  const dir = tempDir('permanence-exports-identity-');
  const { files } = await t.services.exports.exportMonth({
    month: '2026-11',
    firmId: firm.id,
    formats: ['pdf', 'xlsx'],
    csvPreset: 'excel-fr',
    outDir: dir,
  });
  return { t, pdf: files.find((f) => f.endsWith('.pdf'))!, xlsx: files.find((f) => f.endsWith('.xlsx'))! };
}

describe('relevé exported while her identity is missing', () => {
  it('says in the PDF what to fill in instead of a dash, and prints long descriptions whole (wrapped)', async () => {
    if (!hasTool('/usr/bin/pdftotext', 'poppler-utils')) return;
    const { t, pdf } = await exportWithoutIdentity();
    const text = execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Nom à compléter');
    expect(text).toContain('À compléter : nom, SIREN, adresse.');
    expect(text).not.toMatch(/^\s*—\s*$/m);
    expect(text).not.toContain('…');
    // Wrapped over several lines, every word is there in order.
    expect(text.replace(/\s+/g, ' ')).toContain(LONG);
    t.close();
  });

  it('writes the XLSX period in French (novembre 2026, dd/mm/yyyy) and what to fill in', async () => {
    const { t, xlsx } = await exportWithoutIdentity();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const summary = workbook.worksheets.find((w) => w.name !== 'Détail')!;
    const lines: string[] = [];
    summary.eachRow((row) => lines.push(String(row.getCell(1).value ?? '')));
    expect(lines).toContain('Période : novembre 2026, du 01/11/2026 au 30/11/2026');
    expect(lines.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(lines).toContain('Prestataire : nom à compléter');
    expect(lines).toContain('À compléter dans Réglages → Identité : nom, SIREN, adresse.');
    t.close();
  });
});
