import ExcelJS from 'exceljs';
import { percentOneDecimal } from '../../../shared/domain/kpi';
import { escapeFormula } from './csv';
import { frenchDate, hoursDecimal, type ExportModel } from './model';

/**
 * The month as a workbook: "Résumé" first (what the firm reads), then "Détail" with real cells: dates are dates,
 * durations are durations ([h]:mm:ss, a fraction of a day) and decimal hours, money is a number in euros.
 * The summary's totals are formulas over the detail, with their cached results set to the computed figures, so
 * Excel or LibreOffice recomputing them lands on the same cents (ROUND(…; 2) at every sum).
 */

const EUR = '#,##0.00 "€"';
const DURATION = '[h]:mm:ss';
const SECONDS_PER_DAY = 86_400;

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export async function renderXlsx(model: ExportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Permanence';
  workbook.created = new Date(model.source.statement.periodEnd);
  const summary = workbook.addWorksheet('Résumé', { views: [{ showGridLines: false }] });
  const detail = workbook.addWorksheet('Détail', { views: [{ state: 'frozen', ySplit: 1 }] });

  detail.columns = [
    { header: 'Date', key: 'date', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Heure', key: 'time', width: 8 },
    { header: 'Type', key: 'type', width: 22 },
    { header: 'Appelant / objet', key: 'label', width: 32 },
    { header: 'Mode', key: 'mode', width: 12 },
    { header: 'Durée réelle', key: 'actual', width: 12, style: { numFmt: DURATION } },
    { header: 'Durée réelle (h)', key: 'actualHours', width: 14, style: { numFmt: '0.00' } },
    { header: 'Durée facturée', key: 'billed', width: 14, style: { numFmt: DURATION } },
    { header: 'Durée facturée (h)', key: 'billedHours', width: 16, style: { numFmt: '0.00' } },
    { header: 'Quantité', key: 'quantity', width: 10 },
    { header: 'Prix unitaire HT', key: 'unitPrice', width: 15, style: { numFmt: EUR } },
    { header: 'Majoration HT', key: 'majoration', width: 14, style: { numFmt: EUR } },
    { header: 'Montant HT', key: 'amount', width: 14, style: { numFmt: EUR } },
  ];
  detail.getRow(1).font = { bold: true };
  for (const row of model.rows) {
    detail.addRow({
      date: utcDate(row.date),
      time: row.time,
      type: row.type,
      label: escapeFormula(row.label),
      mode: row.mode,
      actual: row.actualSeconds / SECONDS_PER_DAY,
      actualHours: hoursDecimal(row.actualSeconds),
      billed: row.billedSeconds === null ? null : row.billedSeconds / SECONDS_PER_DAY,
      billedHours: row.billedSeconds === null ? null : hoursDecimal(row.billedSeconds),
      quantity: row.billedQuantity,
      unitPrice: row.unitPriceCents === null ? null : row.unitPriceCents / 100,
      majoration: row.majorationCents / 100,
      amount: row.amountCents / 100,
    });
  }
  const last = model.rows.length + 1;
  const sumOf = (col: string) => (model.rows.length === 0 ? '0' : `ROUND(SUM(Détail!${col}2:${col}${last}),2)`);

  summary.columns = [
    { key: 'label', width: 46 },
    { key: 'value', width: 20 },
  ];
  const title = summary.addRow([`Relevé d'activité — ${model.periodLabel}`]);
  title.font = { bold: true, size: 14 };
  summary.addRow([
    `Prestataire : ${model.secretary.name || 'nom à compléter'}${model.secretary.siren ? ` — SIREN ${model.secretary.siren}` : ''}`,
  ]);
  if (model.missingIdentity.length) {
    summary.addRow([`À compléter dans Réglages → Identité : ${model.missingIdentity.join(', ')}.`]).font = {
      italic: true,
      color: { argb: 'FF9A3412' },
    };
  }
  summary.addRow([`Client : ${model.firm.name}${model.firm.siren ? ` — SIREN ${model.firm.siren}` : ''}`]);
  summary.addRow([`Période : ${model.periodLabel}, du ${frenchDate(model.firstDay)} au ${frenchDate(model.lastDay)}`]);
  summary.addRow([]);
  const money = (label: string, formula: string, cents: number, bold = false) => {
    const row = summary.addRow([label, { formula, result: cents / 100 }]);
    row.getCell(2).numFmt = EUR;
    if (bold) row.font = { bold: true };
    return row.number;
  };
  const linesRow = money('Total des lignes (détail)', sumOf('M'), model.linesTotalCents);
  const forfaitRow = money(
    'Forfait mensuel (abonnement + dépassement)',
    String(model.forfaitCents / 100),
    model.forfaitCents,
  );
  const htRow = money('Total HT', `ROUND(B${linesRow}+B${forfaitRow},2)`, model.totalHtCents, true);
  if (model.vat.mode === 'rate') {
    const rate = model.vat.basisPoints / 10_000;
    const vatRow = money(`TVA ${model.vat.basisPoints / 100} %`, `ROUND(B${htRow}*${rate},2)`, model.vat.amountCents);
    money('Total TTC', `ROUND(B${htRow}+B${vatRow},2)`, model.totalTtcCents, true);
  } else {
    summary.addRow([model.vat.mention]).font = { italic: true };
  }
  summary.addRow([]);
  summary.addRow(['Détail des montants HT']).font = { bold: true };
  for (const s of model.summary) {
    const row = summary.addRow([s.label, s.amountCents / 100]);
    row.getCell(2).numFmt = EUR;
  }
  summary.addRow([]);
  const time = model.source.statement.time;
  summary.addRow(['Temps réel au temps (h)', hoursDecimal(time.actualSeconds)]);
  summary.addRow(['Temps facturé au temps (h)', hoursDecimal(time.billedSeconds)]);
  const f = model.source.statement.forfait;
  if (f) {
    summary.addRow([]);
    summary.addRow(['Consommation du forfait']).font = { bold: true };
    summary.addRow(['Inclus', f.includedQuantity]);
    summary.addRow(['Consommé', f.usedQuantity]);
    summary.addRow(['Dépassement', f.overageQuantity]);
  }
  const kpi = model.source.kpi;
  summary.addRow([]);
  summary.addRow(['Indicateurs d’accueil téléphonique']).font = { bold: true };
  const kpiRows: Array<[string, number | null]> = [
    ['Appels présentés', kpi.offered],
    ['Appels décrochés', kpi.answered],
    ['Taux de décroché (%)', percentOneDecimal(kpi.answerRate)],
    ['Appels abandonnés', kpi.abandoned],
    ['Taux d’abandon (%)', percentOneDecimal(kpi.abandonRate)],
    ['Délai moyen de décroché (s)', kpi.averageSpeedOfAnswerSeconds],
    [`Niveau de service (< ${kpi.serviceLevelSeconds} s, %)`, percentOneDecimal(kpi.serviceLevel)],
    ['Durée moyenne de traitement (s)', kpi.averageHandlingSeconds],
    ['Messages pris', kpi.messagesTaken],
    ['Transferts', kpi.transfers],
  ];
  for (const [label, value] of kpiRows) summary.addRow([label, value]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
