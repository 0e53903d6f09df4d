import { createHash } from 'node:crypto';
import path from 'node:path';
import { DateTime } from 'luxon';
import { PermanenceError } from '../../../shared/api';
import type { IssueOutcomeOf } from '../../../shared/contract/methods/invoices';
import { monthPeriod } from '../../../shared/domain/billing';
import { addDays, assembleInvoice, linesFromStatement, type VatChoice } from '../../../shared/domain/invoices/build';
import { toCii } from '../../../shared/domain/invoices/cii';
import type { InvoiceDocument, InvoiceLine } from '../../../shared/domain/invoices/model';
import type { FirmInvoicing, InvoicingSettings } from '../../../shared/domain/invoices/settings';
import { createInvoicesRepository, type InvoiceRow } from '../../store/repositories/invoices';
import type { OutboxJob, OutboxRepository } from '../../store/repositories/outbox';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import type { SettingsService } from '../settings';
import type { BillingService } from '../timesheets-billing';
import { createInvoicingDetails } from './details';
import { createInvoiceMail } from './mail';
import { renderInvoicePdf } from './pdf';
import { exportMonthFiles, fileStem } from './register';
import type { AuditRecorder } from '../privacy/audit';

/**
 * Issuing invoices and credit notes from locked relevés. The number is assigned in the transaction that stores
 * the frozen invoice (document, Factur-X XML and its sha256), taken IMMEDIATE so concurrent issuers queue on
 * SQLite's write lock; the store's trigger refuses anything but the next number and any date before the last
 * one. The PDF is rendered after the commit from the frozen document (a crash in between leaves an invoice
 * whose PDF is rendered on first use, never a number without an invoice).
 */

/** Her calendar: issue dates are her local days. */
const ISSUER_ZONE = 'Europe/Paris';

export type IssueOutcome = IssueOutcomeOf<InvoiceRow>;

export function invoiceNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(4, '0')}`;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function createInvoicesService(
  ctx: ServiceContext,
  deps: {
    firms: FirmsService;
    settings: SettingsService;
    billing: BillingService;
    who: () => string;
    dataDir: string;
    outbox: OutboxRepository;
    kickOutbox: () => void;
    fromAddress: () => string | null;
    audit?: AuditRecorder;
  },
) {
  const repo = createInvoicesRepository(ctx.db);
  const details = createInvoicingDetails(repo);
  const mail = createInvoiceMail(ctx, { outbox: deps.outbox, kick: deps.kickOutbox, fromAddress: deps.fromAddress });

  function today(): string {
    return DateTime.fromMillis(ctx.now(), { zone: ISSUER_ZONE }).toISODate()!;
  }

  function vatChoice(settings: InvoicingSettings): VatChoice {
    const app = deps.settings.get();
    return { mode: app.vatMode, rateBasisPoints: app.vatRateBasisPoints, onDebits: settings.vatOnDebits };
  }

  /** Credited HT so far, per invoice. */
  function creditedCents(invoiceId: string): { lines: number; total: number } {
    return repo
      .creditsOf(invoiceId)
      .reduce((sum, c) => ({ lines: sum.lines + c.linesCents, total: sum.total + c.totalCents }), {
        lines: 0,
        total: 0,
      });
  }

  /** Stores a frozen document under the next number; returns the stored row. Synchronous: one transaction. */
  function freeze(
    build: (number: string, issueDate: string) => InvoiceDocument,
    meta: { firmId: string; firmName: string; month: string; creditedInvoiceId: string | null },
  ): { row: InvoiceRow; document: InvoiceDocument; xml: string } {
    const settings = details.settings(deps.settings.get());
    const id = ctx.newId();
    const issuedAt = ctx.now();
    const result = ctx.db
      .transaction(() => {
        const { seq, lastIssueDate } = repo.next();
        const issueDate = today();
        if (lastIssueDate && issueDate < lastIssueDate) {
          throw new PermanenceError(
            'CONFLICT',
            `La date du jour (${issueDate}) précède celle de la dernière facture (${lastIssueDate}) : vérifiez l’horloge de l’ordinateur. Aucune facture n’a été émise.`,
          );
        }
        const document = build(invoiceNumber(settings.numberPrefix, seq), issueDate);
        const xml = toCii(document);
        repo.insert({ id, seq, document, xml, xmlSha256: sha256(xml), issuedAt, issuedBy: deps.who(), ...meta });
        return { document, xml };
      })
      .immediate();
    return { row: repo.get(id)!, ...result };
  }

  async function ensurePdf(id: string): Promise<Buffer> {
    const existing = repo.pdf(id);
    if (existing) return existing.pdf;
    const row = repo.get(id);
    const frozen = repo.document(id);
    if (!row || !frozen) throw new PermanenceError('NOT_FOUND', 'Facture introuvable.');
    const pdf = await renderInvoicePdf(frozen.document, frozen.xml, row.issuedAt);
    repo.putPdf(id, pdf, sha256(pdf), ctx.now());
    return repo.pdf(id)!.pdf;
  }

  function issueFirm(firmId: string, month: string): IssueOutcome {
    const fm = deps.billing.firmMonth(firmId, month);
    const firmName = fm.firm.profile.name;
    if (!fm.lock) return { firmId, firmName, status: 'skipped', reason: 'not-locked' };
    const open = repo
      .ofFirmMonth(firmId, month)
      .find((r) => r.kind === 'invoice' && creditedCents(r.id).lines < r.linesCents);
    if (open) return { firmId, firmName, status: 'skipped', reason: 'already-invoiced', number: open.number };
    const app = deps.settings.get();
    const missing = details.missing(app, fm.firm);
    if (missing.length > 0) return { firmId, firmName, status: 'blocked', missing };
    const lines = linesFromStatement(fm.statement);
    if (fm.statement.totalCents <= 0 || lines.length === 0) {
      return { firmId, firmName, status: 'skipped', reason: 'nothing-to-invoice' };
    }
    const settings = details.settings(app);
    const firmDetails = details.firm(fm.firm);
    const { seller, buyer } = details.parties(app, fm.firm);
    const period = monthPeriod(month, fm.firm.profile.timeZone);
    const lastDay = DateTime.fromMillis(period.end - 1, { zone: fm.firm.profile.timeZone }).toISODate()!;
    const { row } = freeze(
      (number, issueDate) =>
        assembleInvoice({
          kind: 'invoice',
          number,
          issueDate,
          dueDate: addDays(issueDate, settings.paymentTermDays),
          periodStart: `${month}-01`,
          periodEnd: lastDay,
          seller,
          buyer,
          buyerReference: firmDetails.buyerReference,
          lines,
          vat: vatChoice(settings),
          latePenaltyText: settings.latePenaltyText,
          earlyPaymentText: settings.earlyPaymentText,
          iban: settings.iban,
          bic: settings.bic,
          preceding: null,
          reason: '',
        }),
      { firmId, firmName, month, creditedInvoiceId: null },
    );
    return { firmId, firmName, status: 'issued', invoice: row };
  }

  return {
    repository: repo,
    details,
    /** One invoice per firm (or every active firm) for a locked month; PDFs rendered after the numbers. */
    async issue(month: string, firmId: string | null): Promise<IssueOutcome[]> {
      const firmIds = firmId ? [deps.firms.get(firmId).id] : deps.firms.list().map((f) => f.id);
      const outcomes = firmIds.map((id) => issueFirm(id, month));
      for (const o of outcomes) if (o.status === 'issued') await ensurePdf(o.invoice.id);
      if (outcomes.some((o) => o.status === 'issued')) ctx.emit('invoices:changed', { month });
      return outcomes.map((o) => (o.status === 'issued' ? { ...o, invoice: repo.get(o.invoice.id)! } : o));
    },
    /**
     * A credit note on an invoice: the whole remaining amount (amountCents null: the invoice's own lines when
     * nothing was credited yet) or a part of it, never more than what is left to credit.
     */
    async creditNote(invoiceId: string, amountCents: number | null, reason: string): Promise<InvoiceRow> {
      const original = repo.get(invoiceId);
      const frozen = repo.document(invoiceId);
      if (!original || !frozen) throw new PermanenceError('NOT_FOUND', 'Facture introuvable.');
      if (original.kind !== 'invoice')
        throw new PermanenceError('CONFLICT', 'Un avoir ne se corrige pas par un avoir.');
      const left = original.linesCents - creditedCents(invoiceId).lines;
      const amount = amountCents ?? left;
      if (left <= 0)
        throw new PermanenceError('CONFLICT', `La facture ${original.number} est déjà entièrement créditée.`);
      if (amount <= 0 || amount > left) {
        throw new PermanenceError(
          'CONFLICT',
          `Un avoir sur la facture ${original.number} ne peut dépasser ce qui reste à créditer (${left} centimes HT).`,
        );
      }
      const doc = frozen.document;
      const lines: InvoiceLine[] =
        amount === original.linesCents
          ? doc.lines
          : [
              {
                lineId: 1,
                description: `Avoir partiel sur la facture ${original.number} : ${reason}`,
                quantity10k: 10_000,
                unitCode: 'C62',
                unitPriceCents: amount,
                amountCents: amount,
              },
            ];
      const settings = details.settings(deps.settings.get());
      const { row } = freeze(
        (number, issueDate) =>
          assembleInvoice({
            kind: 'credit-note',
            number,
            issueDate,
            dueDate: issueDate,
            periodStart: doc.periodStart,
            periodEnd: doc.periodEnd,
            seller: doc.seller,
            buyer: doc.buyer,
            buyerReference: doc.buyerReference,
            lines,
            vat: {
              mode: doc.vat.category === 'E' ? 'franchise' : 'rate',
              rateBasisPoints: doc.vat.rateBasisPoints,
              onDebits: doc.vat.dueDateTypeCode === '5',
            },
            latePenaltyText: settings.latePenaltyText,
            earlyPaymentText: settings.earlyPaymentText,
            iban: doc.iban,
            bic: doc.bic,
            preceding: { number: original.number, issueDate: original.issueDate },
            reason,
          }),
        { firmId: original.firmId, firmName: original.firmName, month: original.month, creditedInvoiceId: invoiceId },
      );
      await ensurePdf(row.id);
      ctx.emit('invoices:changed', { month: row.month });
      return repo.get(row.id)!;
    },
    list: (month?: string) => repo.list(month),
    get(id: string) {
      const row = repo.get(id);
      const frozen = repo.document(id);
      if (!row || !frozen) throw new PermanenceError('NOT_FOUND', 'Facture introuvable.');
      return { row, document: frozen.document, xml: frozen.xml, credits: repo.creditsOf(id) };
    },
    pdf: ensurePdf,
    markPaid(id: string, paidOn: string | null): InvoiceRow {
      const row = repo.get(id);
      if (!row) throw new PermanenceError('NOT_FOUND', 'Facture introuvable.');
      if (row.kind !== 'invoice') throw new PermanenceError('CONFLICT', 'Un avoir ne se marque pas payé.');
      repo.setPaid(id, paidOn, ctx.now());
      ctx.emit('invoices:changed', { month: row.month });
      return repo.get(id)!;
    },
    /**
     * The month's invoices and credit notes for her platform (Factur-X PDF and XML each) and the whole register
     * (CSV for French Excel, XLSX), in DATA_DIR/exports/YYYY-MM/factures.
     */
    async exportMonth(month: string, outDir?: string) {
      const result = await exportMonthFiles(
        repo,
        ensurePdf,
        path.resolve(outDir ?? path.join(deps.dataDir, 'exports', month, 'factures')),
        month,
      );
      // Audit (issue 12): the month and how many files, nothing about the firms' clients.
      deps.audit?.record({ kind: 'export.invoices', subject: month, detail: { files: result.files.length } });
      return result;
    },
    /** Queues the PDF to the firm's invoice recipients, once. */
    send(id: string): { queued: boolean; recipients: string[] } {
      const row = repo.get(id);
      if (!row) throw new PermanenceError('NOT_FOUND', 'Facture introuvable.');
      const result = mail.queue(row, details.firm(deps.firms.get(row.firmId)).emails, deps.settings.get().legalName);
      ctx.emit('invoices:changed', { month: row.month });
      return result;
    },
    mailState: (id: string) => mail.state(id),
    /** The outbox asks for an invoice job's attachment when it sends it. */
    async attachmentsFor(job: OutboxJob) {
      if (job.kind !== 'invoice' || !job.invoiceId) return undefined;
      const row = repo.get(job.invoiceId);
      if (!row) return undefined;
      return [
        { filename: `${fileStem(row.number)}.pdf`, content: await ensurePdf(row.id), contentType: 'application/pdf' },
      ];
    },
    onMailJob(job: OutboxJob): void {
      const row = job.invoiceId ? repo.get(job.invoiceId) : null;
      if (row) ctx.emit('invoices:changed', { month: row.month });
    },
    settings: () => details.settings(deps.settings.get()),
    saveSettings: (patch: Partial<InvoicingSettings>) => details.saveSettings(deps.settings.get(), patch),
    firmDetails: (firmId: string) => details.firm(deps.firms.get(firmId)),
    saveFirmDetails: (firmId: string, value: FirmInvoicing) =>
      details.saveFirm(deps.firms.get(firmId), value, ctx.now()),
    /** What blocks issuing for this firm, [] when nothing does. */
    missing: (firmId: string) => details.missing(deps.settings.get(), deps.firms.get(firmId)),
  };
}
export type InvoicesService = ReturnType<typeof createInvoicesService>;
