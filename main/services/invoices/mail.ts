import { PermanenceError } from '../../../shared/api';
import { frenchDay } from '../../../shared/domain/invoices/build';
import type { OutboxJob, OutboxRepository } from '../../store/repositories/outbox';
import type { InvoiceRow } from '../../store/repositories/invoices';
import type { ServiceContext } from '../context';
import { mailDomain } from '../messages-queue';
import { euros, periodLabelFr } from '../exports/model';
import { fileStem } from './register';

/**
 * The invoice PDF e-mailed to the firm through the messages' outbox: the job is written in one transaction, one
 * live job per invoice (the store's unique index), with a stable Message-ID, so it leaves exactly once like a
 * message; a failed job is sent again as the same job.
 */

export function invoiceMailText(row: InvoiceRow, sender: string): { subject: string; text: string } {
  const period = periodLabelFr(row.month);
  const what = row.kind === 'invoice' ? 'Facture' : 'Avoir';
  return {
    subject: `${what} ${row.number} — ${row.firmName} — ${period}`,
    text: [
      'Bonjour,',
      '',
      row.kind === 'invoice'
        ? `Veuillez trouver ci-joint la facture ${row.number} du ${frenchDay(row.issueDate)} pour les prestations de ${period}, d’un montant de ${euros(row.totalCents)}, payable au plus tard le ${frenchDay(row.dueDate)}.`
        : `Veuillez trouver ci-joint l’avoir ${row.number} du ${frenchDay(row.issueDate)}, d’un montant de ${euros(row.totalCents)}.`,
      'Le PDF est une facture électronique Factur-X : ses données structurées y sont jointes.',
      '',
      'Bien cordialement,',
      sender,
    ].join('\n'),
  };
}

export function createInvoiceMail(
  ctx: ServiceContext,
  deps: { outbox: OutboxRepository; kick: () => void; fromAddress: () => string | null },
) {
  return {
    queue(row: InvoiceRow, recipients: string[], sender: string): { queued: boolean; recipients: string[] } {
      if (recipients.length === 0) {
        throw new PermanenceError(
          'CONFLICT',
          `Aucune adresse e-mail de facturation pour ${row.firmName} : ajoutez-la dans ses informations de facturation.`,
        );
      }
      const queued = ctx.db.transaction(() => {
        const existing = deps.outbox.forInvoice(row.id);
        if (existing?.state === 'failed') return deps.outbox.retryFailed(existing.id, ctx.now());
        if (existing) return false; // queued or sent already: never twice
        const { subject, text } = invoiceMailText(row, sender);
        const id = ctx.newId();
        deps.outbox.insert({
          id,
          kind: 'invoice',
          messageId: null,
          invoiceId: row.id,
          firmId: row.firmId,
          revision: 0,
          priority: 0,
          state: 'pending',
          nextAttemptAt: ctx.now(),
          messageIdHeader: `<invoice-${fileStem(row.number)}-${id.slice(0, 8)}@${mailDomain(deps.fromAddress())}>`,
          inReplyTo: '',
          recipients: { to: recipients.map((email) => ({ name: '', email })), cc: [] },
          subject,
          textBody: text,
          htmlBody: '',
          createdAt: ctx.now(),
        });
        return true;
      })();
      if (queued) deps.kick();
      return { queued, recipients };
    },
    /** Where the invoice's e-mail stands: null when never queued. */
    state(invoiceId: string): OutboxJob['state'] | null {
      return deps.outbox.forInvoice(invoiceId)?.state ?? null;
    },
  };
}
