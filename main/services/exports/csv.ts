import { stringify } from 'csv-stringify/sync';
import { formatHms, frenchDate, hoursDecimal, type ExportModel } from './model';

/**
 * Two presets of the detail as CSV:
 * - 'excel-fr': what French Excel opens with a double click: UTF-8 with BOM, ';', decimal comma, CRLF, dd/mm/yyyy;
 * - 'standard': RFC 4180 (',', CRLF, quotes doubled), ISO dates, '.' decimals, no BOM.
 * Cells starting with = + - @ (or a tab / carriage return) are prefixed with ' so a spreadsheet never runs them
 * as formulas (CSV injection); numbers are written by us and never start that way except negatives, which this
 * export has none of.
 */
export const CSV_PRESETS = ['excel-fr', 'standard'] as const;
export type CsvPreset = (typeof CSV_PRESETS)[number];

export const CSV_HEADER = [
  'Date',
  'Heure',
  'Type',
  'Appelant / objet',
  'Source',
  'Mode',
  'Durée réelle',
  'Durée réelle (h)',
  'Durée facturée',
  'Quantité facturée',
  'Prix unitaire HT',
  'Unité',
  'Majoration HT',
  'Montant HT',
];

export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function renderCsv(model: ExportModel, preset: CsvPreset): string {
  const fr = preset === 'excel-fr';
  const decimal = (n: number, digits = 2) => {
    const s = n.toFixed(digits);
    return fr ? s.replace('.', ',') : s;
  };
  const money = (cents: number | null) => (cents === null ? '' : decimal(cents / 100));
  const date = (iso: string) => (fr ? frenchDate(iso) : iso);
  const records: string[][] = [CSV_HEADER];
  for (const row of model.rows) {
    records.push([
      date(row.date),
      row.time,
      row.type,
      escapeFormula(row.label),
      row.source,
      row.mode,
      formatHms(row.actualSeconds),
      decimal(hoursDecimal(row.actualSeconds)),
      row.billedSeconds === null ? '' : formatHms(row.billedSeconds),
      row.billedQuantity === null ? '' : String(row.billedQuantity),
      money(row.unitPriceCents),
      row.unitPricePer === 'h' ? 'heure' : row.unitPricePer === 'u' ? 'unité' : '',
      money(row.majorationCents),
      money(row.amountCents),
    ]);
  }
  if (model.source.statement.forfait) {
    const f = model.source.statement.forfait;
    records.push([
      date(model.lastDay),
      '',
      'Forfait mensuel',
      escapeFormula(`${f.usedQuantity} / ${f.includedQuantity} inclus, dépassement ${f.overageQuantity}`),
      '',
      'Forfait',
      '',
      '',
      '',
      '',
      money(f.monthlyFeeCents),
      'mois',
      '',
      money(f.totalCents),
    ]);
  }
  const body = stringify(records, {
    delimiter: fr ? ';' : ',',
    record_delimiter: '\r\n',
  });
  return fr ? `\uFEFF${body}` : body;
}
