import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PermanenceError } from '../../../shared/api';
import { frenchDay } from '../../../shared/domain/invoices/build';
import type { InvoiceRow, InvoicesRepository } from '../../store/repositories/invoices';

/**
 * The invoice register (CSV for French Excel and XLSX with real numeric cells) and the month's files for her
 * e-invoicing platform: each invoice and credit note as its Factur-X PDF and its XML.
 */

const HEADER = [
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
];

function status(row: InvoiceRow): string {
  if (row.kind === 'credit-note') return 'avoir';
  return row.paidOn ? `payée le ${frenchDay(row.paidOn)}` : 'impayée';
}

function frenchCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${(abs - (abs % 100)) / 100},${String(abs % 100).padStart(2, '0')}`;
}

export function registerRows(rows: InvoiceRow[]): string[][] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => [
    r.number,
    r.kind === 'invoice' ? 'Facture' : 'Avoir',
    frenchDay(r.issueDate),
    frenchDay(r.dueDate),
    r.firmName,
    r.month,
    frenchCents(r.linesCents),
    frenchCents(r.vatCents),
    frenchCents(r.totalCents),
    status(r),
    r.creditedInvoiceId ? (byId.get(r.creditedInvoiceId)?.number ?? '') : '',
  ]);
}

/** CSV for French Excel: `;`, decimal comma, UTF-8 with BOM, CRLF; cells starting with = + - @ escaped. */
export function registerCsv(rows: InvoiceRow[]): string {
  const escape = (cell: string) => (/^[=+\-@]/.test(cell) && !/^-\d/.test(cell) ? `'${cell}` : cell);
  return `\uFEFF${stringify([HEADER, ...registerRows(rows).map((r) => r.map(escape))], {
    delimiter: ';',
    record_delimiter: '\r\n',
  })}`;
}

export async function registerXlsx(rows: InvoiceRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Permanence';
  const sheet = workbook.addWorksheet('Registre des factures');
  sheet.columns = HEADER.map((header, i) => ({ header, width: [14, 9, 12, 12, 32, 9, 12, 12, 12, 20, 16][i] }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    sheet.addRow([
      r.number,
      r.kind === 'invoice' ? 'Facture' : 'Avoir',
      new Date(`${r.issueDate}T00:00:00Z`),
      new Date(`${r.dueDate}T00:00:00Z`),
      r.firmName,
      r.month,
      r.linesCents / 100,
      r.vatCents / 100,
      r.totalCents / 100,
      status(r),
      r.creditedInvoiceId ? (byId.get(r.creditedInvoiceId)?.number ?? '') : '',
    ]);
  }
  for (const col of [3, 4]) sheet.getColumn(col).numFmt = 'dd/mm/yyyy';
  for (const col of [7, 8, 9]) sheet.getColumn(col).numFmt = '#,##0.00 "€"';
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** File name of an invoice: its number, with '/' (allowed in numbers) made safe for file systems. */
export function fileStem(number: string): string {
  return number.replace(/\//g, '-');
}

export function writeAtomically(file: string, content: string | Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, content, { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new PermanenceError('UNAVAILABLE', `Impossible d’écrire ${file} : ${(error as Error).message}`);
  }
}

export function ensureDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new PermanenceError('UNAVAILABLE', `Impossible de créer le dossier ${dir} : ${(error as Error).message}`);
  }
}

/** Each invoice and credit note of the month as PDF and XML, and the whole register, into `dir`. */
export async function exportMonthFiles(
  repo: InvoicesRepository,
  pdfOf: (id: string) => Promise<Buffer>,
  dir: string,
  month: string,
): Promise<{ outDir: string; files: string[] }> {
  ensureDir(dir);
  const files: string[] = [];
  for (const row of repo.list(month)) {
    const stem = fileStem(row.number);
    const pdfFile = path.join(dir, `${stem}.pdf`);
    writeAtomically(pdfFile, await pdfOf(row.id));
    const xmlFile = path.join(dir, `${stem}_factur-x.xml`);
    writeAtomically(xmlFile, repo.document(row.id)!.xml);
    files.push(pdfFile, xmlFile);
  }
  const all = repo.list();
  const csv = path.join(dir, 'registre-des-factures.csv');
  writeAtomically(csv, registerCsv(all));
  const xlsx = path.join(dir, 'registre-des-factures.xlsx');
  writeAtomically(xlsx, await registerXlsx(all));
  files.push(csv, xlsx);
  return { outDir: dir, files };
}
