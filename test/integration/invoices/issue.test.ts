import { PermanenceError } from '../../../shared/api';
import { toCii } from '../../../shared/domain/invoices/cii';
import { facturXErrors } from '../../support/facturx-validate';
import { ISSUE_DAY, MONTH, lockMonth, openInvoicesContext, type InvoicesContext } from './support';

let ctx: InvoicesContext;
afterEach(() => ctx.t.close());

describe('issuing an invoice from a locked relevé', () => {
  it('refuses a month that is not locked, then issues FA-0001 with the relevé’s total, its XML and its PDF', async () => {
    ctx = openInvoicesContext();
    const { client, services } = ctx.t;
    const [notLocked] = await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    expect(notLocked).toMatchObject({ status: 'skipped', reason: 'not-locked' });
    expect(await client.invoices.list({})).toEqual([]);

    lockMonth(ctx);
    const [outcome] = await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    if (outcome?.status !== 'issued') throw new Error(`not issued: ${JSON.stringify(outcome)}`);
    const releve = services.billing.firmMonth(ctx.firmId, MONTH).statement;
    expect(outcome.invoice).toMatchObject({
      number: 'FA-0001',
      kind: 'invoice',
      issueDate: '2026-12-02',
      dueDate: '2027-01-01',
      linesCents: releve.totalCents,
      vatCents: 0,
      totalCents: releve.totalCents,
      hasPdf: true,
    });
    const detail = await client.invoices.get({ id: outcome.invoice.id });
    expect(detail.document.seller.name).toBe('Julie Moreau & Fils EI');
    expect(detail.document.buyer).toMatchObject({ name: 'Cabinet Martin', siren: '732829320' });
    expect(detail.document.periodStart).toBe('2026-11-01');
    expect(detail.document.periodEnd).toBe('2026-11-30');
    expect(detail.document.lines.map((l) => l.description)).toEqual([
      expect.stringMatching(/^Appel traité — temps facturé/),
      'Frappe (pages)',
      'Majoration : Urgence (1 prestation)',
    ]);
    const stored = services.invoices.get(outcome.invoice.id);
    expect(stored.xml).toBe(toCii(stored.document));
    expect(await facturXErrors(stored.xml)).toEqual([]);
  });

  it('issues once per firm and month, and numbers continue across months without gaps', async () => {
    ctx = openInvoicesContext();
    lockMonth(ctx);
    const { client } = ctx.t;
    await client.invoices.issue({ month: MONTH, firmId: null });
    const [again] = await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    expect(again).toMatchObject({ status: 'skipped', reason: 'already-invoiced', number: 'FA-0001' });
    expect((await client.invoices.list({})).map((i) => i.number)).toEqual(['FA-0001']);
  });

  it('blocks issuing with the list of what to fill in, and issues nothing', async () => {
    ctx = openInvoicesContext({ complete: false });
    lockMonth(ctx);
    const { client } = ctx.t;
    // The firm's SIREN (from its billing tab) also serves as its electronic address (scheme 0002) by default.
    const [blocked] = await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    expect(blocked).toMatchObject({ status: 'blocked', missing: ['iban'] });
    const details = await client.invoices.firmDetails({ firmId: ctx.firmId });
    await client.invoices.saveFirmDetails({
      firmId: ctx.firmId,
      details: { ...details, siren: '', electronicAddress: { scheme: '0225', id: '' } },
    });
    expect(await client.invoices.missing({ firmId: ctx.firmId })).toEqual([
      'iban',
      'firmSiren',
      'firmElectronicAddress',
    ]);
    expect(await client.invoices.list({})).toEqual([]);
  });

  it('refuses to issue when the clock went back before the last invoice’s date', async () => {
    ctx = openInvoicesContext();
    lockMonth(ctx);
    await ctx.t.client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    await ctx.t.client.invoices.creditNote({
      invoiceId: (await ctx.t.client.invoices.list({}))[0]!.id,
      reason: 'erreur',
    });
    ctx.clock.now = ISSUE_DAY - 3 * 86_400_000;
    const first = (await ctx.t.client.invoices.list({}))[0]!;
    await expect(
      ctx.t.client.invoices.creditNote({ invoiceId: first.id, reason: 'x', amountCents: 1 }),
    ).rejects.toThrow();
    expect((await ctx.t.client.invoices.list({})).map((i) => i.number)).toEqual(['FA-0001', 'FA-0002']);
  });
});

describe('an issued invoice is frozen', () => {
  it('refuses UPDATE and DELETE on the invoice and its PDF, even from raw SQL', async () => {
    ctx = openInvoicesContext();
    lockMonth(ctx);
    await ctx.t.client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    const { db } = ctx.t;
    expect(() => db.prepare('UPDATE invoices SET total_cents = 1').run()).toThrow(/INVOICE_IMMUTABLE/);
    expect(() => db.prepare('DELETE FROM invoices').run()).toThrow(/INVOICE_IMMUTABLE/);
    expect(() => db.prepare('DELETE FROM invoice_files').run()).toThrow(/INVOICE_IMMUTABLE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO invoices (id, seq, number, kind, firm_id, firm_name, month, issue_date, due_date, lines_cents,
             vat_cents, total_cents, document, xml, xml_sha256, issued_at, issued_by)
           VALUES ('x', 3, 'FA-0003', 'invoice', 'f', 'F', '2026-11', '2026-12-02', '2026-12-02', 1, 0, 1, '{}', '', '', 0, '')`,
        )
        .run(),
    ).toThrow(/INVOICE_SEQUENCE/);
  });
});

describe('credit notes', () => {
  it('credit part, then the rest, and never more than is left; the month can then be invoiced again', async () => {
    ctx = openInvoicesContext();
    lockMonth(ctx);
    const { client } = ctx.t;
    const [issued] = await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    if (issued?.status !== 'issued') throw new Error('not issued');
    const invoice = issued.invoice;
    const partial = await client.invoices.creditNote({
      invoiceId: invoice.id,
      amountCents: 1000,
      reason: 'geste commercial',
    });
    expect(partial).toMatchObject({
      number: 'FA-0002',
      kind: 'credit-note',
      linesCents: 1000,
      creditedInvoiceId: invoice.id,
    });
    const tooMuch = client.invoices.creditNote({ invoiceId: invoice.id, amountCents: invoice.linesCents, reason: 'x' });
    await expect(tooMuch).rejects.toBeInstanceOf(PermanenceError);
    expect((await client.invoices.get({ id: invoice.id })).creditableCents).toBe(invoice.linesCents - 1000);
    const rest = await client.invoices.creditNote({ invoiceId: invoice.id, reason: 'erreur de tarif' });
    expect(rest.linesCents).toBe(invoice.linesCents - 1000);
    await expect(client.invoices.creditNote({ invoiceId: invoice.id, reason: 'x' })).rejects.toThrow(
      /entièrement créditée/,
    );
    const detail = await client.invoices.get({ id: rest.id });
    expect(detail.document.preceding).toEqual({ number: 'FA-0001', issueDate: '2026-12-02' });
    expect(await facturXErrors(ctx.t.services.invoices.get(rest.id).xml)).toEqual([]);
    const [reissued] = await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    expect(reissued).toMatchObject({ status: 'issued', invoice: { number: 'FA-0004' } });
  });
});

describe('payments', () => {
  it('marks an invoice paid on a date and back to unpaid', async () => {
    ctx = openInvoicesContext();
    lockMonth(ctx);
    const { client } = ctx.t;
    await client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
    const [invoice] = await client.invoices.list({ month: MONTH });
    expect((await client.invoices.markPaid({ id: invoice!.id, paidOn: '2026-12-15' })).paidOn).toBe('2026-12-15');
    expect((await client.invoices.markPaid({ id: invoice!.id, paidOn: null })).paidOn).toBeNull();
  });
});
