import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PermanenceError } from '../../../shared/api';
import { monthSchema } from '../../../shared/domain/timesheet';
import type { InvoicesService, IssueOutcome } from './index';
import { euros } from '../exports/model';

/**
 * `npm run cli -- invoices …`: issue, list, credit, mark paid, export. Same service as the app, so the same
 * rules: a locked month only, numbers assigned once, a credit note never above what is left.
 */

export const INVOICES_USAGE = `  npm run cli -- invoices issue --month YYYY-MM [--firm ID]
                                         issue the month's invoices (every firm unless --firm; the month must be locked)
  npm run cli -- invoices list [--month YYYY-MM]
  npm run cli -- invoices credit NUMBER --reason TEXT [--amount 12,50]
                                         credit note on an invoice (everything left, or an amount HT in euros)
  npm run cli -- invoices paid NUMBER [--on YYYY-MM-DD | --unpaid]
  npm run cli -- invoices export --month YYYY-MM [--out DIR]
                                         the month's invoices (PDF + XML) and the register (CSV, XLSX)
`;

const usage = (message: string) => new PermanenceError('VALIDATION', message);

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message);
  }
}

function month(value: unknown): string {
  const parsed = monthSchema.safeParse(value);
  if (!parsed.success) throw usage('--month YYYY-MM attendu');
  return parsed.data;
}

/** « 12,50 » or « 12.50 » euros → cents, exactly (no float). */
export function eurosToCents(text: string): number {
  const match = /^\s*(\d{1,9})(?:[,.](\d{1,2}))?\s*$/.exec(text);
  if (!match) throw usage(`montant attendu en euros (ex. 12,50) : « ${text} »`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

const MISSING_FR: Record<string, string> = {
  sellerLegalName: 'votre nom (Réglages › Identité)',
  sellerSiren: 'votre SIREN',
  sellerAddress: 'votre adresse postale (rue, code postal, ville)',
  sellerVatId: 'votre numéro de TVA intracommunautaire',
  iban: 'votre IBAN',
  firmLegalName: 'la raison sociale du cabinet',
  firmSiren: 'le SIREN du cabinet',
  firmAddress: 'l’adresse postale du cabinet',
  firmElectronicAddress: 'l’adresse de facturation électronique du cabinet',
};

function describe(o: IssueOutcome): string {
  switch (o.status) {
    case 'issued':
      return `  ${o.firmName} : facture ${o.invoice.number}, ${euros(o.invoice.totalCents)}`;
    case 'blocked':
      return `  ${o.firmName} : bloquée, à compléter : ${o.missing.map((m) => MISSING_FR[m] ?? m).join(', ')}`;
    case 'skipped':
      return `  ${o.firmName} : ${
        o.reason === 'not-locked'
          ? 'mois non verrouillé'
          : o.reason === 'already-invoiced'
            ? `déjà facturé (${o.number})`
            : 'rien à facturer'
      }`;
  }
}

function byNumber(invoices: InvoicesService, number: string | undefined) {
  if (!number) throw usage('numéro de facture attendu');
  const row = invoices.list().find((r) => r.number === number);
  if (!row) throw new PermanenceError('NOT_FOUND', `Aucune facture n° ${number}.`);
  return row;
}

type Services = { invoices: InvoicesService };

export const invoicesCommands: Record<string, (services: Services, args: string[]) => Promise<string> | string> = {
  'invoices issue': async ({ invoices }, args) => {
    const { values } = parse(args, { month: { type: 'string' }, firm: { type: 'string' } });
    const outcomes = await invoices.issue(month(values.month), (values.firm as string | undefined) ?? null);
    const issued = outcomes.filter((o) => o.status === 'issued').length;
    const what = issued < 2 ? 'facture émise' : 'factures émises'; // French: 0 and 1 take the singular
    return `${issued} ${what} pour ${values.month as string} :\n${outcomes.map(describe).join('\n')}\n`;
  },
  'invoices list': ({ invoices }, args) => {
    const { values } = parse(args, { month: { type: 'string' } });
    const rows = invoices.list(values.month === undefined ? undefined : month(values.month));
    if (rows.length === 0) return 'Aucune facture.\n';
    return `${rows
      .map(
        (r) =>
          `${r.number}\t${r.kind === 'invoice' ? 'facture' : 'avoir'}\t${r.issueDate}\t${r.firmName}\t${euros(r.totalCents)}\t${
            r.kind === 'credit-note' ? '' : r.paidOn ? `payée le ${r.paidOn}` : 'impayée'
          }`,
      )
      .join('\n')}\n`;
  },
  'invoices credit': async ({ invoices }, args) => {
    const { values, positionals } = parse(args, { reason: { type: 'string' }, amount: { type: 'string' } });
    const row = byNumber(invoices, positionals[0]);
    const reason = (values.reason as string | undefined)?.trim();
    if (!reason) throw usage('--reason TEXT attendu (motif de l’avoir)');
    const amount = values.amount === undefined ? null : eurosToCents(values.amount as string);
    const credit = await invoices.creditNote(row.id, amount, reason);
    return `Avoir ${credit.number} sur la facture ${row.number} : ${euros(credit.totalCents)}.\n`;
  },
  'invoices paid': ({ invoices }, args) => {
    const { values, positionals } = parse(args, { on: { type: 'string' }, unpaid: { type: 'boolean' } });
    const row = byNumber(invoices, positionals[0]);
    const on = values.unpaid ? null : ((values.on as string | undefined) ?? new Date().toISOString().slice(0, 10));
    if (on !== null && !/^\d{4}-\d{2}-\d{2}$/.test(on)) throw usage('--on YYYY-MM-DD attendu');
    invoices.markPaid(row.id, on);
    return on ? `Facture ${row.number} payée le ${on}.\n` : `Facture ${row.number} : impayée.\n`;
  },
  'invoices export': async ({ invoices }, args) => {
    const { values } = parse(args, { month: { type: 'string' }, out: { type: 'string' } });
    const result = await invoices.exportMonth(month(values.month), values.out as string | undefined);
    const what = result.files.length < 2 ? 'fichier écrit' : 'fichiers écrits';
    return `${result.files.length} ${what} dans ${result.outDir} :\n${result.files
      .map((f) => `  ${path.basename(f)}`)
      .join('\n')}\n`;
  },
};
