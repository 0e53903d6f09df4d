import { TYPE_CODES, type InvoiceDocument, type InvoiceLine, type InvoiceParty } from './model';

/**
 * The invoice as UN/CEFACT Cross Industry Invoice XML, Factur-X 1.0x profile EN 16931 (the XML attached to the
 * PDF as factur-x.xml). Written by hand from the frozen InvoiceDocument because every figure must come from the
 * integer-cent totals as they are, and the libraries tried wrote rates as `0.0000` or broke on `&` in names.
 *
 * Element order follows the Factur-X 1.09 EN16931 XSD; the French rules that bite are noted where they apply.
 * Every text goes through escapeXml(); amounts are written from cents with exactly 2 decimals, quantities with
 * at most 4, VAT rates without trailing zeros (`20`, `5.5`, `0`).
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 does not allow (controls other than tab and line breaks): dropped.
      .replace(XML_FORBIDDEN, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** 12345 → "123.45"; -5 → "-0.05". */
export function amount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`amount: not an integer number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${(abs - (abs % 100)) / 100}.${String(abs % 100).padStart(2, '0')}`;
}

/** Ten-thousandths → decimal without trailing zeros: 15000 → "1.5", 10000 → "1". */
export function decimal10k(value: number): string {
  const whole = (value - (value % 10_000)) / 10_000;
  const fraction = String(value % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** Basis points → percent without trailing zeros: 2000 → "20", 550 → "5.5", 0 → "0". */
export function percent(basisPoints: number): string {
  return decimal10k(basisPoints * 100);
}

const day = (isoDay: string) => isoDay.replace(/-/g, '');
const dateTime = (isoDay: string) => `<udt:DateTimeString format="102">${day(isoDay)}</udt:DateTimeString>`;

function el(name: string, content: string, attributes = ''): string {
  return `<${name}${attributes}>${content}</${name}>`;
}
const text = (name: string, value: string, attributes = '') => el(name, escapeXml(value), attributes);

function address(party: InvoiceParty): string {
  const a = party.address;
  return el(
    'ram:PostalTradeAddress',
    [
      a.postcode ? text('ram:PostcodeCode', a.postcode) : '',
      a.line1 ? text('ram:LineOne', a.line1) : '',
      a.line2 ? text('ram:LineTwo', a.line2) : '',
      a.city ? text('ram:CityName', a.city) : '',
      text('ram:CountryID', a.countryCode),
    ].join(''),
  );
}

function party(tag: string, p: InvoiceParty, seller: boolean, franchise: boolean): string {
  const taxRegistrations: string[] = [];
  if (p.vatId) taxRegistrations.push(el('ram:SpecifiedTaxRegistration', text('ram:ID', p.vatId, ' schemeID="VA"')));
  // Franchise en base: BR-E-02 wants a seller tax registration; the SIREN goes there with scheme FC (BT-32).
  else if (seller && franchise)
    taxRegistrations.push(el('ram:SpecifiedTaxRegistration', text('ram:ID', p.siren, ' schemeID="FC"')));
  return el(
    tag,
    [
      text('ram:Name', p.name),
      // BT-30 / BT-47: SIREN with scheme 0002.
      el('ram:SpecifiedLegalOrganization', text('ram:ID', p.siren, ' schemeID="0002"')),
      address(p),
      // BT-34 / BT-49: electronic addresses, mandatory in France.
      el(
        'ram:URIUniversalCommunication',
        text('ram:URIID', p.electronicAddress.id, ` schemeID="${p.electronicAddress.scheme}"`),
      ),
      ...taxRegistrations,
    ].join(''),
  );
}

function tax(doc: InvoiceDocument, withAmounts: boolean): string {
  const v = doc.vat;
  return el(
    'ram:ApplicableTradeTax',
    [
      withAmounts ? el('ram:CalculatedAmount', amount(v.vatCents)) : '',
      el('ram:TypeCode', 'VAT'),
      withAmounts && v.exemptionReason ? text('ram:ExemptionReason', v.exemptionReason) : '',
      withAmounts ? el('ram:BasisAmount', amount(v.basisCents)) : '',
      el('ram:CategoryCode', v.category),
      withAmounts && v.exemptionCode ? el('ram:ExemptionReasonCode', v.exemptionCode) : '',
      withAmounts && v.dueDateTypeCode ? el('ram:DueDateTypeCode', v.dueDateTypeCode) : '',
      el('ram:RateApplicablePercent', percent(v.rateBasisPoints)),
    ].join(''),
  );
}

function line(doc: InvoiceDocument, l: InvoiceLine): string {
  return el(
    'ram:IncludedSupplyChainTradeLineItem',
    [
      el('ram:AssociatedDocumentLineDocument', el('ram:LineID', String(l.lineId))),
      el('ram:SpecifiedTradeProduct', text('ram:Name', l.description)),
      el(
        'ram:SpecifiedLineTradeAgreement',
        el('ram:NetPriceProductTradePrice', el('ram:ChargeAmount', amount(l.unitPriceCents))),
      ),
      el(
        'ram:SpecifiedLineTradeDelivery',
        el('ram:BilledQuantity', decimal10k(l.quantity10k), ` unitCode="${l.unitCode}"`),
      ),
      el(
        'ram:SpecifiedLineTradeSettlement',
        tax(doc, false) +
          el('ram:SpecifiedTradeSettlementLineMonetarySummation', el('ram:LineTotalAmount', amount(l.amountCents))),
      ),
    ].join(''),
  );
}

function note(content: string, subject: string): string {
  return el('ram:IncludedNote', text('ram:Content', content) + el('ram:SubjectCode', subject));
}

export function toCii(doc: InvoiceDocument): string {
  const franchise = doc.vat.category === 'E';
  const currency = ` currencyID="${doc.currency}"`;
  const notes = [
    doc.reason ? note(doc.reason, 'AAI') : '',
    note(doc.notes.pmd, 'PMD'),
    note(doc.notes.pmt, 'PMT'),
    note(doc.notes.aab, 'AAB'),
  ].join('');
  const paymentMeans = doc.iban
    ? el(
        'ram:SpecifiedTradeSettlementPaymentMeans',
        el('ram:TypeCode', '58') +
          el('ram:PayeePartyCreditorFinancialAccount', text('ram:IBANID', doc.iban)) +
          (doc.bic ? el('ram:PayeeSpecifiedCreditorFinancialInstitution', text('ram:BICID', doc.bic)) : ''),
      )
    : '';
  const settlement = [
    el('ram:InvoiceCurrencyCode', doc.currency),
    paymentMeans,
    tax(doc, true),
    el(
      'ram:BillingSpecifiedPeriod',
      el('ram:StartDateTime', dateTime(doc.periodStart)) + el('ram:EndDateTime', dateTime(doc.periodEnd)),
    ),
    el(
      'ram:SpecifiedTradePaymentTerms',
      text('ram:Description', doc.paymentTerms) + el('ram:DueDateDateTime', dateTime(doc.dueDate)),
    ),
    el(
      'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
      [
        el('ram:LineTotalAmount', amount(doc.totals.linesCents)),
        el('ram:TaxBasisTotalAmount', amount(doc.totals.taxBasisCents)),
        el('ram:TaxTotalAmount', amount(doc.totals.vatCents), currency),
        el('ram:GrandTotalAmount', amount(doc.totals.grandTotalCents)),
        el('ram:DuePayableAmount', amount(doc.totals.duePayableCents)),
      ].join(''),
    ),
    doc.preceding
      ? el(
          'ram:InvoiceReferencedDocument',
          text('ram:IssuerAssignedID', doc.preceding.number) +
            el(
              'ram:FormattedIssueDateTime',
              `<qdt:DateTimeString format="102">${day(doc.preceding.issueDate)}</qdt:DateTimeString>`,
            ),
        )
      : '',
  ].join('');

  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rsm:CrossIndustryInvoice',
    ' xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"',
    ' xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"',
    ' xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"',
    ' xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">',
    el(
      'rsm:ExchangedDocumentContext',
      // BT-23 « S1 »: an invoice for services (French cadre de facturation).
      el('ram:BusinessProcessSpecifiedDocumentContextParameter', el('ram:ID', 'S1')) +
        el('ram:GuidelineSpecifiedDocumentContextParameter', el('ram:ID', 'urn:cen.eu:en16931:2017')),
    ),
    el(
      'rsm:ExchangedDocument',
      text('ram:ID', doc.number) +
        el('ram:TypeCode', TYPE_CODES[doc.kind]) +
        el('ram:IssueDateTime', dateTime(doc.issueDate)) +
        notes,
    ),
    el(
      'rsm:SupplyChainTradeTransaction',
      [
        ...doc.lines.map((l) => line(doc, l)),
        el(
          'ram:ApplicableHeaderTradeAgreement',
          (doc.buyerReference ? text('ram:BuyerReference', doc.buyerReference) : '') +
            party('ram:SellerTradeParty', doc.seller, true, franchise) +
            party('ram:BuyerTradeParty', doc.buyer, false, franchise),
        ),
        el('ram:ApplicableHeaderTradeDelivery', ''),
        el('ram:ApplicableHeaderTradeSettlement', settlement),
      ].join(''),
    ),
    '</rsm:CrossIndustryInvoice>\n',
  ].join('');
}
