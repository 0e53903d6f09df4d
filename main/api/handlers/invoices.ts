import type { InvoiceSummary } from '../../../shared/contract/methods/invoices';
import type { invoicesMethods } from '../../../shared/contract/methods/invoices';
import type { Services } from '../../services';
import type { InvoiceRow } from '../../store/repositories/invoices';
import type { HandlersFor } from './types';

type MailState = ReturnType<Services['invoices']['mailState']>;

function mailOf(state: MailState): InvoiceSummary['mail'] {
  if (state === null || state === 'cancelled') return 'none';
  if (state === 'sent' || state === 'failed') return state;
  return 'waiting';
}

function toSummary(row: InvoiceRow, mail: MailState): InvoiceSummary {
  // What main keeps besides the summary (sequence, XML hash, who and when) stays in main.
  const { seq: _seq, xmlSha256: _hash, issuedAt: _at, issuedBy: _by, ...summary } = row;
  return { ...summary, mail: mailOf(mail) };
}

export function createInvoicesHandlers(services: Services): HandlersFor<keyof typeof invoicesMethods> {
  const { invoices } = services;
  const summary = (row: InvoiceRow) => toSummary(row, invoices.mailState(row.id));
  return {
    'invoices:settings': () => invoices.settings(),
    'invoices:saveSettings': (patch) => invoices.saveSettings(patch),
    'invoices:firmDetails': ({ firmId }) => invoices.firmDetails(firmId),
    'invoices:saveFirmDetails': ({ firmId, details }) => invoices.saveFirmDetails(firmId, details),
    'invoices:missing': ({ firmId }) => invoices.missing(firmId),
    'invoices:issue': async ({ month, firmId }) =>
      (await invoices.issue(month, firmId)).map((o) =>
        o.status === 'issued' ? { ...o, invoice: summary(o.invoice) } : o,
      ),
    'invoices:list': ({ month }) => invoices.list(month).map(summary),
    'invoices:get': ({ id }) => {
      const { row, document, credits } = invoices.get(id);
      const credited = credits.reduce((sum, c) => sum + c.linesCents, 0);
      return {
        invoice: summary(row),
        document,
        credits: credits.map(summary),
        creditableCents: row.kind === 'invoice' ? row.linesCents - credited : 0,
      };
    },
    'invoices:creditNote': async ({ invoiceId, amountCents, reason }) =>
      summary(await invoices.creditNote(invoiceId, amountCents, reason)),
    'invoices:markPaid': ({ id, paidOn }) => summary(invoices.markPaid(id, paidOn)),
    'invoices:export': ({ month }) => invoices.exportMonth(month),
    'invoices:send': ({ id }) => invoices.send(id),
  };
}
