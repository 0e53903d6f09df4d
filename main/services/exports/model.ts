import type { BillingMode } from '../../../shared/domain/billing';
import type { Settings } from '../../../shared/domain/settings';
import { TASK_TYPE_LABELS_FR, formatHms } from '../../../shared/domain/timesheet';
import type { FirmMonth } from '../timesheets-billing';
import { foldAccents } from '../../../shared/domain/text';

/**
 * What every export format writes for one firm's month, computed once: detail rows (actual beside billed),
 * the summary (subtotals, majorations, forfait, HT, VAT, TTC) and the identities. Money stays in integer cents.
 */

export const MODE_LABELS_FR: Record<BillingMode, string> = {
  forfait: 'Forfait',
  'per-task': 'À la tâche',
  time: 'Au temps',
  unpriced: 'Sans tarif',
};

const SOURCE_LABELS_FR = { call: 'Appel', manual: 'Saisie', timer: 'Minuteur', import: 'Import' } as const;

export interface DetailRow {
  /** 'YYYY-MM-DD' local to the firm. */
  date: string;
  /** 'HH:mm' local. */
  time: string;
  type: string;
  label: string;
  source: string;
  mode: string;
  actualSeconds: number;
  billedSeconds: number | null;
  billedQuantity: number | null;
  unitPriceCents: number | null;
  /** 'h' (per hour) or 'u' (per unit) for the unit price. */
  unitPricePer: 'h' | 'u' | null;
  majorationCents: number;
  majorationLabels: string;
  amountCents: number;
  urgent: boolean;
  freeShortCall: boolean;
}

export interface SummaryRow {
  label: string;
  amountCents: number;
}

export interface ExportModel {
  fileStem: string;
  month: string;
  periodLabel: string;
  firstDay: string;
  lastDay: string;
  secretary: { name: string; siren: string; address: string };
  /** Her identity details still empty in Réglages (« nom », « SIREN », « adresse »): said in the files, never a dash. */
  missingIdentity: string[];
  firm: { name: string; siren: string; address: string };
  rows: DetailRow[];
  /** Line amounts (per task + time + majorations). */
  linesTotalCents: number;
  forfaitCents: number;
  summary: SummaryRow[];
  totalHtCents: number;
  vat: { mode: 'franchise'; mention: string } | { mode: 'rate'; basisPoints: number; amountCents: number };
  totalTtcCents: number;
  source: FirmMonth;
}

export const VAT_FRANCHISE_MENTION = 'TVA non applicable, art. 293 B du CGI';

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export function periodLabelFr(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS_FR[m - 1]} ${y}`;
}

/** 'Cabinet Martin & Associés' → 'cabinet-martin-associes'. */
export function slug(name: string): string {
  return (
    foldAccents(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'cabinet'
  );
}

/** 123456 → '1 234,56 €' with plain spaces (files are read by tools that do not all know U+202F). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${units},${String(abs % 100).padStart(2, '0')} €`;
}

/** '2026-11-03' → '03/11/2026'. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function hoursDecimal(seconds: number): number {
  return Math.round((seconds / 3600) * 100) / 100;
}

/** Her identity details still empty in Réglages → Identité, as the relevé names them. */
export function missingIdentityOf(
  settings: Pick<Settings, 'legalName' | 'secretaryName' | 'siren' | 'address'>,
): string[] {
  return [
    ...(settings.legalName.trim() || settings.secretaryName.trim() ? [] : ['nom']),
    ...(settings.siren.trim() ? [] : ['SIREN']),
    ...(settings.address.trim() ? [] : ['adresse']),
  ];
}

export function buildExportModel(source: FirmMonth, settings: Settings): ExportModel {
  const { firm, statement, month } = source;
  const rows: DetailRow[] = statement.lines.map((line) => {
    const majorationCents = line.majorations.reduce((sum, m) => sum + m.amountCents, 0);
    return {
      date: line.localDate,
      time: line.localTime.slice(0, 5),
      type: TASK_TYPE_LABELS_FR[line.taskType],
      label: line.label,
      source: SOURCE_LABELS_FR[line.source],
      mode: MODE_LABELS_FR[line.mode],
      actualSeconds: line.actualSeconds,
      billedSeconds: line.billedSeconds,
      billedQuantity: line.billedQuantity,
      unitPriceCents: line.unitPriceCents,
      unitPricePer: line.unitPriceCents === null ? null : line.mode === 'time' ? 'h' : 'u',
      majorationCents,
      majorationLabels: line.majorations.map((m) => m.label).join(', '),
      amountCents: line.amountCents,
      urgent: line.urgent,
      freeShortCall: line.freeShortCall,
    };
  });
  const { subtotals } = statement;
  const summary: SummaryRow[] = [];
  if (statement.forfait)
    summary.push({ label: 'Forfait mensuel (abonnement + dépassement)', amountCents: subtotals.forfaitCents });
  if (subtotals.perTaskCents || !statement.forfait)
    summary.push({ label: 'Prestations à la tâche', amountCents: subtotals.perTaskCents });
  if (subtotals.timeCents || !statement.forfait)
    summary.push({ label: 'Prestations au temps', amountCents: subtotals.timeCents });
  for (const m of statement.majorationLines)
    summary.push({ label: `Majoration : ${m.label}`, amountCents: m.amountCents });
  const totalHtCents = statement.totalCents;
  const vat: ExportModel['vat'] =
    settings.vatMode === 'franchise'
      ? { mode: 'franchise', mention: VAT_FRANCHISE_MENTION }
      : {
          mode: 'rate',
          basisPoints: settings.vatRateBasisPoints,
          amountCents: Math.round((totalHtCents * settings.vatRateBasisPoints) / 10_000),
        };
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const name = settings.legalName.trim() || settings.secretaryName.trim();
  return {
    fileStem: `${month}_${slug(firm.profile.name)}`,
    month,
    periodLabel: periodLabelFr(month),
    firstDay: `${month}-01`,
    lastDay: `${month}-${String(lastDay).padStart(2, '0')}`,
    secretary: {
      name: name ? (/\bEI$/.test(name) ? name : `${name} EI`) : '',
      siren: settings.siren.trim(),
      address: settings.address.trim(),
    },
    missingIdentity: missingIdentityOf(settings),
    firm: { name: firm.profile.name, siren: firm.billing.siren.trim(), address: firm.billing.billingAddress.trim() },
    rows,
    linesTotalCents: rows.reduce((sum, r) => sum + r.amountCents, 0),
    forfaitCents: subtotals.forfaitCents,
    summary,
    totalHtCents,
    vat,
    totalTtcCents: totalHtCents + (vat.mode === 'rate' ? vat.amountCents : 0),
    source,
  };
}

export { formatHms };
