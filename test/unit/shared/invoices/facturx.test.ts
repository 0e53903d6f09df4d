import { execFileSync } from 'node:child_process';
import { toCii } from '../../../../shared/domain/invoices/cii';
import type { InvoiceDocument } from '../../../../shared/domain/invoices/model';
import { facturXErrors } from '../../../support/facturx-validate';
import {
  FRANCHISE,
  VAT_20,
  VAT_20_DEBITS,
  forfaitStatement,
  invoiceOf,
  majorationsStatement,
  timeAndTasksStatement,
} from './fixtures';

/**
 * Every fixture the e-invoicing platforms must accept: XSD-valid Factur-X EN 16931, and no error from the CEN
 * EN 16931 rules, the Factur-X schematron or the French BR-FR rules; totals equal to the relevé to the cent.
 */
const xmllint = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!xmllint && process.env.CI === 'true') throw new Error('xmllint is missing: apt-get install -y libxml2-utils');
if (!xmllint) console.warn('### xmllint missing (apt-get install -y libxml2-utils): Factur-X XSD tests skipped');

const fixtures: [string, () => { doc: InvoiceDocument; releveCents: number }][] = [
  [
    'franchise (time + tasks)',
    () => {
      const s = timeAndTasksStatement();
      return { doc: invoiceOf(s, FRANCHISE), releveCents: s.totalCents };
    },
  ],
  [
    'VAT 20 %',
    () => {
      const s = timeAndTasksStatement();
      return { doc: invoiceOf(s, VAT_20), releveCents: s.totalCents };
    },
  ],
  [
    'VAT on debits',
    () => {
      const s = timeAndTasksStatement();
      return { doc: invoiceOf(s, VAT_20_DEBITS), releveCents: s.totalCents };
    },
  ],
  [
    'forfait with overage',
    () => {
      const s = forfaitStatement();
      return { doc: invoiceOf(s, FRANCHISE), releveCents: s.totalCents };
    },
  ],
  [
    'majorations',
    () => {
      const s = majorationsStatement();
      return { doc: invoiceOf(s, VAT_20), releveCents: s.totalCents };
    },
  ],
  [
    'credit note',
    () => {
      const s = forfaitStatement();
      return {
        doc: invoiceOf(s, FRANCHISE, {
          kind: 'credit-note',
          number: 'FA-0043',
          preceding: { number: 'FA-0042', issueDate: '2026-04-01' },
          reason: 'Avoir : appels du 2 mars comptés deux fois',
        }),
        releveCents: s.totalCents,
      };
    },
  ],
];

describe.skipIf(!xmllint).each(fixtures)('Factur-X invoice: %s', (_name, make) => {
  it('is valid against the XSD and the CEN, Factur-X and BR-FR rules, with the relevé’s total', async () => {
    const { doc, releveCents } = make();
    expect(doc.totals.linesCents).toBe(releveCents);
    expect(doc.totals.grandTotalCents).toBe(doc.totals.linesCents + doc.totals.vatCents);
    const errors = await facturXErrors(toCii(doc));
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!xmllint)('the validation itself catches what the platforms refuse', () => {
  it('reports a missing mandatory note (AAB), a rate written 20.0000, and an element out of XSD order', async () => {
    const xml = toCii(invoiceOf(timeAndTasksStatement(), VAT_20));
    const noEscompte = xml.replace(
      /<ram:IncludedNote><ram:Content>[^<]*<\/ram:Content><ram:SubjectCode>AAB<\/ram:SubjectCode><\/ram:IncludedNote>/,
      '',
    );
    expect((await facturXErrors(noEscompte)).join('\n')).toContain('AAB');
    const badRate = xml.replace(
      /<ram:RateApplicablePercent>20<\/ram:RateApplicablePercent>/g,
      '<ram:RateApplicablePercent>20.0000</ram:RateApplicablePercent>',
    );
    expect((await facturXErrors(badRate)).join('\n')).toContain('BR-FR-16');
    const outOfOrder = xml
      .replace('<ram:TypeCode>380</ram:TypeCode>', '')
      .replace('</ram:ID><ram:IssueDateTime>', '</ram:ID><ram:IssueDateTime>');
    expect((await facturXErrors(outOfOrder)).some((e) => e.startsWith('XSD:'))).toBe(true);
  });
});
