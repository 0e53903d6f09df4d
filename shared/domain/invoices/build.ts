import type { MonthStatement } from '../billing/statement';
import { TASK_TYPE_LABELS_FR } from '../timesheet';
import {
  FRANCHISE_TEXT,
  RECOVERY_INDEMNITY_TEXT,
  type InvoiceDocument,
  type InvoiceLine,
  type InvoiceParty,
  type UnitCode,
  type VatBreakdown,
} from './model';

/**
 * From a firm's relevé (MonthStatement) to invoice lines and totals, in integer cents only.
 *
 * The relevé already priced every entry with the firm's rules; the invoice regroups those amounts, it never
 * re-prices: à la tâche lines by task and unit price, au temps lines by task and hourly rate (quantity = billed
 * hours, 4 decimals), the forfait fee and its overage, one line per majoration rule. The lines add up to the
 * relevé's total exactly (checked: a mismatch throws rather than issuing a wrong invoice).
 */

/** seconds → hours × 10 000, rounded half up, integer arithmetic only. */
export function hours10k(seconds: number): number {
  const scaled = seconds * 10_000 + 1_800; // + half of 3 600 to round half up
  return (scaled - (scaled % 3_600)) / 3_600;
}

/** VAT of a basis at a rate in basis points, rounded half up to the cent (positive amounts). */
export function vatOf(basisCents: number, rateBasisPoints: number): number {
  const scaled = basisCents * rateBasisPoints + 5_000;
  return (scaled - (scaled % 10_000)) / 10_000;
}

function hms(seconds: number): string {
  const h = (seconds - (seconds % 3600)) / 3600;
  const m = ((seconds % 3600) - (seconds % 60)) / 60;
  const s = seconds % 60;
  return `${h} h ${String(m).padStart(2, '0')} min ${String(s).padStart(2, '0')} s`;
}

type Draft = Omit<InvoiceLine, 'lineId'>;

export function linesFromStatement(statement: MonthStatement): InvoiceLine[] {
  const drafts: Draft[] = [];
  const forfait = statement.forfait;
  if (forfait) {
    const unit = { calls: 'appels', minutes: 'minutes', tasks: 'tâches' }[forfait.quotaUnit];
    drafts.push({
      description: `Forfait mensuel (${forfait.includedQuantity} ${unit} inclus, ${forfait.usedQuantity} utilisés)`,
      quantity10k: 10_000,
      unitCode: 'C62',
      unitPriceCents: forfait.monthlyFeeCents,
      amountCents: forfait.monthlyFeeCents,
    });
    if (forfait.overageQuantity > 0) {
      drafts.push({
        description: `Dépassement du forfait (${unit} au-delà des ${forfait.includedQuantity} inclus)`,
        quantity10k: forfait.overageQuantity * 10_000,
        unitCode: forfait.quotaUnit === 'minutes' ? 'MIN' : 'C62',
        unitPriceCents: forfait.overagePriceCents,
        amountCents: forfait.overageAmountCents,
      });
    }
  }

  // Grouped lines keep the order of first appearance in the relevé (its lines are chronological).
  const groups = new Map<string, { draft: Draft; seconds: number; count: number; perTask: boolean }>();
  for (const line of statement.lines) {
    if (line.baseAmountCents === 0) continue; // forfait, unpriced and free short calls: nothing to invoice
    if (line.mode === 'per-task' && line.unitPriceCents !== null) {
      const key = `task|${line.taskType}|${line.unitPriceCents}`;
      const group = groups.get(key) ?? {
        draft: {
          description: TASK_TYPE_LABELS_FR[line.taskType],
          quantity10k: 0,
          unitCode: 'C62' as UnitCode,
          unitPriceCents: line.unitPriceCents,
          amountCents: 0,
        },
        seconds: 0,
        count: 0,
        perTask: true,
      };
      group.draft.quantity10k += (line.billedQuantity ?? 0) * 10_000;
      group.draft.amountCents += line.baseAmountCents;
      group.count += 1;
      groups.set(key, group);
    } else if (line.mode === 'time' && line.unitPriceCents !== null) {
      const key = `time|${line.taskType}|${line.unitPriceCents}`;
      const group = groups.get(key) ?? {
        draft: {
          description: '',
          quantity10k: 0,
          unitCode: 'HUR' as UnitCode,
          unitPriceCents: line.unitPriceCents,
          amountCents: 0,
        },
        seconds: 0,
        count: 0,
        perTask: false,
      };
      group.seconds += line.billedSeconds ?? 0;
      group.draft.amountCents += line.baseAmountCents;
      group.count += 1;
      groups.set(key, group);
    } else {
      throw new Error(`invoice: line ${line.entryId} has an amount but no unit price (mode ${line.mode})`);
    }
  }
  for (const [key, group] of groups) {
    if (!group.perTask) {
      const task = TASK_TYPE_LABELS_FR[key.split('|')[1] as keyof typeof TASK_TYPE_LABELS_FR];
      group.draft.quantity10k = hours10k(group.seconds);
      group.draft.description = `${task} — temps facturé ${hms(group.seconds)} (${group.count} ${
        group.count > 1 ? 'prestations' : 'prestation'
      })`;
    }
    drafts.push(group.draft);
  }

  for (const majoration of statement.majorationLines) {
    if (majoration.amountCents === 0) continue;
    drafts.push({
      description: `Majoration : ${majoration.label} (${majoration.lineCount} ${
        majoration.lineCount > 1 ? 'prestations' : 'prestation'
      })`,
      quantity10k: 10_000,
      unitCode: 'C62',
      unitPriceCents: majoration.amountCents,
      amountCents: majoration.amountCents,
    });
  }

  const lines = drafts.map((draft, index) => ({ lineId: index + 1, ...draft }));
  const sum = lines.reduce((total, line) => total + line.amountCents, 0);
  if (sum !== statement.totalCents) {
    throw new Error(`invoice: lines add up to ${sum} cents, the relevé to ${statement.totalCents}`);
  }
  return lines;
}

export interface VatChoice {
  mode: 'franchise' | 'rate';
  rateBasisPoints: number;
  onDebits: boolean;
}

export function vatBreakdown(basisCents: number, choice: VatChoice): VatBreakdown {
  if (choice.mode === 'franchise') {
    return {
      category: 'E',
      rateBasisPoints: 0,
      basisCents,
      vatCents: 0,
      exemptionReason: FRANCHISE_TEXT,
      exemptionCode: 'VATEX-FR-FRANCHISE',
      dueDateTypeCode: '',
    };
  }
  return {
    category: 'S',
    rateBasisPoints: choice.rateBasisPoints,
    basisCents,
    vatCents: vatOf(basisCents, choice.rateBasisPoints),
    exemptionReason: '',
    exemptionCode: '',
    dueDateTypeCode: choice.onDebits ? '5' : '72',
  };
}

export interface AssembleInput {
  kind: InvoiceDocument['kind'];
  number: string;
  issueDate: string;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  buyerReference: string;
  lines: InvoiceLine[];
  vat: VatChoice;
  latePenaltyText: string;
  earlyPaymentText: string;
  iban: string;
  bic: string;
  preceding: InvoiceDocument['preceding'];
  reason: string;
}

export function assembleInvoice(input: AssembleInput): InvoiceDocument {
  const linesCents = input.lines.reduce((total, line) => total + line.amountCents, 0);
  const vat = vatBreakdown(linesCents, input.vat);
  const grandTotalCents = linesCents + vat.vatCents;
  return {
    kind: input.kind,
    number: input.number,
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    currency: 'EUR',
    seller: input.seller,
    buyer: input.buyer,
    buyerReference: input.buyerReference,
    lines: input.lines,
    vat,
    totals: {
      linesCents,
      taxBasisCents: linesCents,
      vatCents: vat.vatCents,
      grandTotalCents,
      duePayableCents: grandTotalCents,
    },
    notes: { pmd: input.latePenaltyText, pmt: RECOVERY_INDEMNITY_TEXT, aab: input.earlyPaymentText },
    paymentTerms: `Paiement à ${daysBetween(input.issueDate, input.dueDate)} jours, le ${frenchDay(input.dueDate)}, par virement.`,
    iban: input.iban,
    bic: input.bic,
    preceding: input.preceding,
    reason: input.reason,
  };
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
}
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
