import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { hasTool } from '../../e2e/support/chromium';
import { configureSmtp } from '../messaging-context';
import { startSmtpServer, waitFor } from '../smtp-test-server';
import { MONTH, lockMonth, openInvoicesContext, type InvoicesContext } from './support';

/**
 * The invoice PDF read back with poppler and qpdf: a valid PDF, every font embedded, PDF/A-3 and Factur-X XMP,
 * the attached factur-x.xml identical to the stored XML, every legal mention visible; the month's export and
 * register; and the e-mail to the firm, sent once with the PDF attached.
 */
const missing = [
  ['/usr/bin/qpdf', 'qpdf'],
  ['/usr/bin/pdffonts', 'poppler-utils'],
  ['/usr/bin/pdfinfo', 'poppler-utils'],
  ['/usr/bin/pdfdetach', 'poppler-utils'],
  ['/usr/bin/pdftotext', 'poppler-utils'],
].filter(([file, pkg]) => !hasTool(file!, pkg!));

let ctx: InvoicesContext;
let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'invoice-pdf-'));
});
afterEach(async () => {
  await ctx.t.services.messages.stopWorker();
  ctx.t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

async function issued() {
  ctx = openInvoicesContext();
  lockMonth(ctx);
  const [outcome] = await ctx.t.client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
  if (outcome?.status !== 'issued') throw new Error(`not issued: ${JSON.stringify(outcome)}`);
  return outcome.invoice;
}

describe.skipIf(missing.length > 0)('the invoice PDF (Factur-X, PDF/A-3b)', () => {
  it('is a valid PDF/A-3 with every font embedded, the stored XML attached and every mention printed', async () => {
    const invoice = await issued();
    const file = path.join(work, 'invoice.pdf');
    fs.writeFileSync(file, await ctx.t.services.invoices.pdf(invoice.id));

    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.split(/\s+/).at(-5)).toBe('yes'); // the "emb" column

    const meta = run('pdfinfo', ['-meta', file]);
    expect(meta).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(meta).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(meta).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(run('pdfinfo', [file])).toMatch(/Title:\s+Facture FA-0001/);

    expect(run('pdfdetach', ['-list', file])).toContain('factur-x.xml');
    const attached = path.join(work, 'factur-x.xml');
    run('pdfdetach', ['-save', '1', '-o', attached, file]);
    expect(fs.readFileSync(attached, 'utf8')).toBe(ctx.t.services.invoices.get(invoice.id).xml);
    const raw = fs.readFileSync(file, 'latin1');
    expect(raw).toContain('/AFRelationship /Alternative');
    expect(raw).toMatch(/\/OutputIntents/); // PDF/A: the sRGB output intent
    expect(raw).toContain('/S /GTS_PDFA1');

    const text = run('pdftotext', ['-layout', file, '-']).replace(/[ \u00a0\u202f]+/g, ' ');
    for (const mention of [
      'Facture n° FA-0001',
      'Julie Moreau & Fils EI',
      'SIREN : 912 345 674',
      '4 allée des Tilleuls',
      '69003 Lyon',
      'Cabinet Martin',
      'SIREN : 732 829 320',
      'Date d’émission : 02/12/2026',
      'Prestations du 01/11/2026 au 30/11/2026',
      'Échéance : 01/01/2027',
      'TVA non applicable, art. 293 B du CGI',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      'Pénalités de retard',
      'Pas d’escompte pour paiement anticipé',
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
      'Frappe (pages)',
      'Net à payer TTC',
    ]) {
      expect(text).toContain(mention);
    }
  });

  it('renders the same bytes again from the frozen document', async () => {
    const invoice = await issued();
    const stored = await ctx.t.services.invoices.pdf(invoice.id);
    const { renderInvoicePdf } = await import('../../../main/services/invoices/pdf');
    const frozen = ctx.t.services.invoices.get(invoice.id);
    expect(Buffer.compare(await renderInvoicePdf(frozen.document, frozen.xml, frozen.row.issuedAt), stored)).toBe(0);
  });
});

describe('the month’s export and the register', () => {
  it('writes each invoice as PDF and XML, and the register as CSV for French Excel and XLSX', async () => {
    const invoice = await issued();
    await ctx.t.client.invoices.creditNote({ invoiceId: invoice.id, amountCents: 250, reason: 'geste' });
    await ctx.t.client.invoices.markPaid({ id: invoice.id, paidOn: '2026-12-20' });
    const { outDir, files } = await ctx.t.client.invoices.export({ month: MONTH });
    expect(files.map((f) => path.relative(outDir, f)).sort()).toEqual([
      'FA-0001.pdf',
      'FA-0001_factur-x.xml',
      'FA-0002.pdf',
      'FA-0002_factur-x.xml',
      'registre-des-factures.csv',
      'registre-des-factures.xlsx',
    ]);
    const csv = fs.readFileSync(path.join(outDir, 'registre-des-factures.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual([
      'Numéro',
      'Type',
      'Date',
      'Échéance',
      'Cabinet',
      'Mois',
      'HT',
      'TVA',
      'TTC',
      'Statut',
      'Facture d’origine',
    ]);
    const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    expect(rows[1]).toEqual([
      'FA-0001',
      'Facture',
      '02/12/2026',
      '01/01/2027',
      'Cabinet Martin',
      MONTH,
      euros(invoice.linesCents),
      '0,00',
      euros(invoice.totalCents),
      'payée le 20/12/2026',
      '',
    ]);
    expect(rows[2]).toEqual([
      'FA-0002',
      'Avoir',
      '02/12/2026',
      '02/12/2026',
      'Cabinet Martin',
      MONTH,
      '2,50',
      '0,00',
      '2,50',
      'avoir',
      'FA-0001',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(outDir, 'registre-des-factures.xlsx'));
    const sheet = workbook.getWorksheet('Registre des factures')!;
    expect(sheet.getCell('I2').value).toBe(invoice.totalCents / 100);
    expect(sheet.getCell('A3').value).toBe('FA-0002');
  });
});

describe('e-mailing the invoice to the firm', () => {
  it('sends the PDF once to the firm’s invoice address, however often she clicks', async () => {
    const smtp = await startSmtpServer();
    try {
      const invoice = await issued();
      configureSmtp(ctx.t.services, smtp.port);
      ctx.t.services.messages.startWorker();
      expect(await ctx.t.client.invoices.send({ id: invoice.id })).toEqual({
        queued: true,
        recipients: ['compta@martin.test'],
      });
      expect((await ctx.t.client.invoices.send({ id: invoice.id })).queued).toBe(false);
      const mail = await waitFor(() => smtp.received[0], 'the invoice e-mail');
      expect(mail.envelopeTo).toEqual(['compta@martin.test']);
      expect(mail.subject).toBe('Facture FA-0001 — Cabinet Martin — novembre 2026');
      expect(mail.raw).toMatch(/Content-Type: application\/pdf; name=FA-0001\.pdf/);
      await waitFor(() => ctx.t.services.invoices.mailState(invoice.id) === 'sent', 'the job marked sent');
      expect((await ctx.t.client.invoices.send({ id: invoice.id })).queued).toBe(false);
      expect(smtp.received).toHaveLength(1);
    } finally {
      // Closes the pooled SMTP connection first: the server waits for open connections when it stops.
      await ctx.t.services.messages.stopWorker();
      await smtp.stop();
    }
  });
});
