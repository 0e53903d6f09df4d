import type { InvoiceSummary } from '../../../shared/contract/methods/invoices';
import type { InvoiceDocument, InvoiceKind } from '../../../shared/domain/invoices/model';
import type { Db } from '../open';
import { fromJson, toJson } from './json';

/** One row of the invoice register (no document, no XML): the contract's summary and what main keeps besides. */
export interface InvoiceRow extends Omit<InvoiceSummary, 'mail'> {
  seq: number;
  xmlSha256: string;
  issuedAt: number;
  issuedBy: string;
}

interface Row {
  id: string;
  seq: number;
  number: string;
  kind: InvoiceKind;
  firm_id: string;
  firm_name: string;
  month: string;
  issue_date: string;
  due_date: string;
  lines_cents: number;
  vat_cents: number;
  total_cents: number;
  credited_invoice_id: string | null;
  xml_sha256: string;
  issued_at: number;
  issued_by: string;
  paid_on: string | null;
  has_pdf: number;
}

const COLUMNS = `i.id, i.seq, i.number, i.kind, i.firm_id, i.firm_name, i.month, i.issue_date, i.due_date,
  i.lines_cents, i.vat_cents, i.total_cents, i.credited_invoice_id, i.xml_sha256, i.issued_at, i.issued_by,
  p.paid_on, (f.id IS NOT NULL) AS has_pdf
  FROM invoices i LEFT JOIN invoice_payments p ON p.id = i.id LEFT JOIN invoice_files f ON f.id = i.id`;

function toRow(r: Row): InvoiceRow {
  return {
    id: r.id,
    seq: r.seq,
    number: r.number,
    kind: r.kind,
    firmId: r.firm_id,
    firmName: r.firm_name,
    month: r.month,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    linesCents: r.lines_cents,
    vatCents: r.vat_cents,
    totalCents: r.total_cents,
    creditedInvoiceId: r.credited_invoice_id,
    xmlSha256: r.xml_sha256,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    paidOn: r.paid_on,
    hasPdf: r.has_pdf === 1,
  };
}

export interface NewInvoice {
  id: string;
  seq: number;
  document: InvoiceDocument;
  firmId: string;
  firmName: string;
  month: string;
  creditedInvoiceId: string | null;
  xml: string;
  xmlSha256: string;
  issuedAt: number;
  issuedBy: string;
}

export function createInvoicesRepository(db: Db) {
  const settingsGet = db.prepare<[], { data: string }>(`SELECT data FROM invoicing_settings WHERE id = 'seller'`);
  const settingsPut = db.prepare<[string]>(
    `INSERT INTO invoicing_settings (id, data) VALUES ('seller', ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
  );
  const firmGet = db.prepare<[string], { data: string }>('SELECT data FROM firm_invoicing WHERE id = ?');
  const firmPut = db.prepare<[string, string, number]>(
    `INSERT INTO firm_invoicing (id, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const lastSeq = db.prepare<[], { seq: number | null; issue_date: string | null }>(
    'SELECT seq, issue_date FROM invoices ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO invoices (id, seq, number, kind, firm_id, firm_name, month, issue_date, due_date, lines_cents,
       vat_cents, total_cents, credited_invoice_id, document, xml, xml_sha256, issued_at, issued_by)
     VALUES (@id, @seq, @number, @kind, @firmId, @firmName, @month, @issueDate, @dueDate, @linesCents,
       @vatCents, @totalCents, @creditedInvoiceId, @document, @xml, @xmlSha256, @issuedAt, @issuedBy)`,
  );
  const byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} WHERE i.id = ?`);
  const all = db.prepare<[], Row>(`SELECT ${COLUMNS} ORDER BY i.seq`);
  const ofMonth = db.prepare<[string], Row>(`SELECT ${COLUMNS} WHERE i.month = ? ORDER BY i.seq`);
  const ofFirmMonth = db.prepare<[string, string], Row>(
    `SELECT ${COLUMNS} WHERE i.firm_id = ? AND i.month = ? ORDER BY i.seq`,
  );
  const creditsOf = db.prepare<[string], Row>(`SELECT ${COLUMNS} WHERE i.credited_invoice_id = ? ORDER BY i.seq`);
  const documentOf = db.prepare<[string], { document: string; xml: string }>(
    'SELECT document, xml FROM invoices WHERE id = ?',
  );
  const pdfOf = db.prepare<[string], { pdf: Buffer; pdf_sha256: string }>(
    'SELECT pdf, pdf_sha256 FROM invoice_files WHERE id = ?',
  );
  const pdfPut = db.prepare<[string, Buffer, string, number]>(
    'INSERT OR IGNORE INTO invoice_files (id, pdf, pdf_sha256, created_at) VALUES (?, ?, ?, ?)',
  );
  const paidPut = db.prepare<[string, string, number]>(
    `INSERT INTO invoice_payments (id, paid_on, recorded_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET paid_on = excluded.paid_on, recorded_at = excluded.recorded_at`,
  );
  const paidDelete = db.prepare<[string]>('DELETE FROM invoice_payments WHERE id = ?');

  return {
    readSettings: (): unknown => {
      const row = settingsGet.get();
      return row ? fromJson<unknown>(row.data) : {};
    },
    writeSettings: (value: unknown) => void settingsPut.run(toJson(value)),
    readFirm: (firmId: string): unknown => {
      const row = firmGet.get(firmId);
      return row ? fromJson<unknown>(row.data) : null;
    },
    writeFirm: (firmId: string, value: unknown, at: number) => void firmPut.run(firmId, toJson(value), at),
    /** The next sequence number and the last issue date; call inside the issuing transaction. */
    next(): { seq: number; lastIssueDate: string | null } {
      const row = lastSeq.get();
      return { seq: (row?.seq ?? 0) + 1, lastIssueDate: row?.issue_date ?? null };
    },
    insert(invoice: NewInvoice): void {
      const d = invoice.document;
      insert.run({
        id: invoice.id,
        seq: invoice.seq,
        number: d.number,
        kind: d.kind,
        firmId: invoice.firmId,
        firmName: invoice.firmName,
        month: invoice.month,
        issueDate: d.issueDate,
        dueDate: d.dueDate,
        linesCents: d.totals.linesCents,
        vatCents: d.totals.vatCents,
        totalCents: d.totals.grandTotalCents,
        creditedInvoiceId: invoice.creditedInvoiceId,
        document: toJson(d),
        xml: invoice.xml,
        xmlSha256: invoice.xmlSha256,
        issuedAt: invoice.issuedAt,
        issuedBy: invoice.issuedBy,
      });
    },
    get: (id: string): InvoiceRow | null => {
      const row = byId.get(id);
      return row ? toRow(row) : null;
    },
    list: (month?: string): InvoiceRow[] => (month ? ofMonth.all(month) : all.all()).map(toRow),
    ofFirmMonth: (firmId: string, month: string): InvoiceRow[] => ofFirmMonth.all(firmId, month).map(toRow),
    creditsOf: (id: string): InvoiceRow[] => creditsOf.all(id).map(toRow),
    document(id: string): { document: InvoiceDocument; xml: string } | null {
      const row = documentOf.get(id);
      return row ? { document: fromJson<InvoiceDocument>(row.document), xml: row.xml } : null;
    },
    pdf(id: string): { pdf: Buffer; sha256: string } | null {
      const row = pdfOf.get(id);
      return row ? { pdf: row.pdf, sha256: row.pdf_sha256 } : null;
    },
    /** Written once; a second write of the same invoice is ignored (the first PDF stays). */
    putPdf: (id: string, pdf: Buffer, sha256: string, at: number) => void pdfPut.run(id, pdf, sha256, at),
    setPaid(id: string, paidOn: string | null, at: number): void {
      if (paidOn) paidPut.run(id, paidOn, at);
      else paidDelete.run(id);
    },
  };
}
export type InvoicesRepository = ReturnType<typeof createInvoicesRepository>;
