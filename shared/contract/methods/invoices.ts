import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import type { InvoiceDocument, InvoiceKind } from '../../domain/invoices/model';
import {
  firmInvoicingSchema,
  invoicingSettingsInputSchema,
  type FirmInvoicing,
  type InvoicingSettings,
  type MissingItem,
} from '../../domain/invoices/settings';
import { monthSchema } from '../../domain/timesheet';

/** One row of the invoice register. */
export interface InvoiceSummary {
  id: string;
  number: string;
  kind: InvoiceKind;
  firmId: string;
  firmName: string;
  month: string;
  issueDate: string;
  dueDate: string;
  linesCents: number;
  vatCents: number;
  totalCents: number;
  creditedInvoiceId: string | null;
  paidOn: string | null;
  hasPdf: boolean;
  /** Where its e-mail to the firm stands: never queued, waiting in the outbox, sent, or failed (will be retried). */
  mail: 'none' | 'waiting' | 'sent' | 'failed';
}

/** What issuing did for one firm; the service's rows carry more than the summary, hence the parameter. */
export type IssueOutcomeOf<Invoice> =
  | { firmId: string; firmName: string; status: 'issued'; invoice: Invoice }
  | { firmId: string; firmName: string; status: 'blocked'; missing: MissingItem[] }
  | {
      firmId: string;
      firmName: string;
      status: 'skipped';
      reason: 'not-locked' | 'already-invoiced' | 'nothing-to-invoice';
      number?: string;
    };
export type IssueOutcomeView = IssueOutcomeOf<InvoiceSummary>;

export interface InvoiceDetail {
  invoice: InvoiceSummary;
  document: InvoiceDocument;
  credits: InvoiceSummary[];
  /** HT still creditable (invoices only). */
  creditableCents: number;
}

export interface InvoiceExportResult {
  outDir: string;
  files: string[];
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const invoicesMethods = {
  'invoices:settings': method<InvoicingSettings>()(z.object({}).strict()),
  'invoices:saveSettings': method<InvoicingSettings>()(invoicingSettingsInputSchema),
  'invoices:firmDetails': method<FirmInvoicing>()(z.object({ firmId: idSchema }).strict()),
  'invoices:saveFirmDetails': method<FirmInvoicing>()(
    z.object({ firmId: idSchema, details: firmInvoicingSchema }).strict(),
  ),
  /** What must be filled in before this firm can be invoiced ([] when nothing). */
  'invoices:missing': method<MissingItem[]>()(z.object({ firmId: idSchema }).strict()),
  'invoices:issue': method<IssueOutcomeView[]>()(
    z.object({ month: monthSchema, firmId: idSchema.nullable().default(null) }).strict(),
  ),
  'invoices:list': method<InvoiceSummary[]>()(z.object({ month: monthSchema.optional() }).strict()),
  'invoices:get': method<InvoiceDetail>()(z.object({ id: idSchema }).strict()),
  'invoices:creditNote': method<InvoiceSummary>()(
    z
      .object({
        invoiceId: idSchema,
        /** HT cents; null: everything still creditable. */
        amountCents: z.number().int().positive().max(100_000_000).nullable().default(null),
        reason: z.string().trim().min(1).max(300),
      })
      .strict(),
  ),
  'invoices:markPaid': method<InvoiceSummary>()(z.object({ id: idSchema, paidOn: day.nullable() }).strict()),
  /** Writes the month's invoices and credit notes (PDF + XML) and the register (CSV, XLSX) into a folder. */
  'invoices:export': method<InvoiceExportResult>()(z.object({ month: monthSchema }).strict()),
  /** Queues the invoice PDF to the firm's invoice recipients through the outbox (once). */
  'invoices:send': method<{ queued: boolean; recipients: string[] }>()(z.object({ id: idSchema }).strict()),
};
