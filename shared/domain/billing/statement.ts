import type { ForfaitQuotaUnit, MajorationKind, TaskType } from './billing-settings';
import type { EntrySource } from './entries';

/** How a line was priced; see the precedence in billing-settings.ts. */
export type BillingMode = 'forfait' | 'per-task' | 'time' | 'unpriced';

export interface AppliedMajoration {
  ruleId: string;
  label: string;
  amountCents: number;
}

/** One entry of the month, with its raw figures beside the billed ones (actual vs billed). */
export interface StatementLine {
  entryId: string;
  startedAt: number;
  /** Local calendar day of the start in the firm's zone, 'YYYY-MM-DD'. */
  localDate: string;
  /** Local wall-clock time of the start, 'HH:mm:ss'. */
  localTime: string;
  taskType: TaskType;
  label: string;
  source: EntrySource;
  urgent: boolean;
  mode: BillingMode;
  actualSeconds: number;
  /** Time mode only: seconds after the free-short-call and minimum rules, before rounding. */
  chargeableSeconds: number | null;
  /** Time mode only: seconds billed after rounding (and, in day × task scope, after distribution). */
  billedSeconds: number | null;
  /** Units billed or counted (pages, calls…) when the mode counts units; null in time mode. */
  billedQuantity: number | null;
  /** Unit price HT: per unit à la tâche, per hour au temps; null for forfait and unpriced lines. */
  unitPriceCents: number | null;
  baseAmountCents: number;
  majorations: AppliedMajoration[];
  /** baseAmountCents + the line's majorations. */
  amountCents: number;
  /** A call shorter than the firm's free threshold: billed 0 and no majoration. */
  freeShortCall: boolean;
}

/** One line per majoration rule that applied at least once, shown on its own on the relevé. */
export interface MajorationLine {
  ruleId: string;
  label: string;
  kind: MajorationKind;
  lineCount: number;
  amountCents: number;
}

export interface ForfaitConsumption {
  monthlyFeeCents: number;
  quotaUnit: ForfaitQuotaUnit;
  includedQuantity: number;
  /** Calls, started minutes, or tasks counted toward the quota this month. */
  usedQuantity: number;
  /** Raw seconds of the counted entries (the basis of the minutes quota). */
  usedSeconds: number;
  remainingQuantity: number;
  overageQuantity: number;
  overagePriceCents: number;
  overageAmountCents: number;
  /** monthlyFeeCents + overageAmountCents. */
  totalCents: number;
}

export interface StatementSubtotals {
  /** Monthly fee + overage. */
  forfaitCents: number;
  /** Base amounts of the lines priced à la tâche. */
  perTaskCents: number;
  /** Base amounts of the lines priced au temps. */
  timeCents: number;
  /** Every majoration line. */
  majorationsCents: number;
}

export interface MonthStatement {
  month: string;
  timeZone: string;
  /** UTC epoch ms of the first local instant of the month, inclusive. */
  periodStart: number;
  /** UTC epoch ms of the first local instant of the next month, exclusive. */
  periodEnd: number;
  lines: StatementLine[];
  majorationLines: MajorationLine[];
  forfait: ForfaitConsumption | null;
  subtotals: StatementSubtotals;
  /** Sum of the subtotals, HT. */
  totalCents: number;
  /** Actual vs billed time over the lines priced au temps. */
  time: { actualSeconds: number; billedSeconds: number };
  /** Entries handed in but left out, so a caller can say why a figure differs from the timesheet. */
  excluded: { outsideMonth: number; nonBillable: number };
}
