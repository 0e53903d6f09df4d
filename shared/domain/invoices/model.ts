import type { ElectronicAddress, PostalAddress } from './settings';

/**
 * An invoice or credit note as it is frozen at issue: every figure in integer cents, quantities in
 * ten-thousandths (4 decimals at most, as the e-invoice allows), dates as local calendar days 'YYYY-MM-DD'.
 * The CII XML (cii.ts) and the PDF are both written from this and nothing else.
 */
export type InvoiceKind = 'invoice' | 'credit-note';
/** UNTDID 1001: 380 commercial invoice, 381 credit note. */
export const TYPE_CODES: Record<InvoiceKind, '380' | '381'> = { invoice: '380', 'credit-note': '381' };

/** UN/ECE rec. 20 unit codes used here. */
export type UnitCode = 'C62' | 'HUR' | 'MIN';

export interface InvoiceParty {
  /** Seller: « Marie Dupont EI ». */
  name: string;
  siren: string;
  address: PostalAddress;
  electronicAddress: ElectronicAddress;
  /** Intra-community VAT number, '' when none. */
  vatId: string;
}

export interface InvoiceLine {
  /** 1, 2, 3… in order. */
  lineId: number;
  description: string;
  /** Quantity × 10 000 (4 decimals). */
  quantity10k: number;
  unitCode: UnitCode;
  /** Net unit price HT, cents. */
  unitPriceCents: number;
  /** Net line amount HT, cents (from the relevé: it is what the billing rules computed). */
  amountCents: number;
}

export interface VatBreakdown {
  /** UNCL 5305: S standard rate, E exempt (franchise en base). */
  category: 'S' | 'E';
  /** Rate in basis points: 2000 = 20 %. */
  rateBasisPoints: number;
  basisCents: number;
  vatCents: number;
  /** Category E only. */
  exemptionReason: string;
  exemptionCode: '' | 'VATEX-FR-FRANCHISE';
  /** UNTDID 2005 for BT-8: 5 = at invoicing (« TVA sur les débits »), 72 = at payment (services, default). */
  dueDateTypeCode: '' | '5' | '72';
}

export interface InvoiceTotals {
  linesCents: number;
  taxBasisCents: number;
  vatCents: number;
  grandTotalCents: number;
  duePayableCents: number;
}

export interface InvoiceDocument {
  kind: InvoiceKind;
  number: string;
  issueDate: string;
  dueDate: string;
  /** Service period (BG-14), inclusive days. */
  periodStart: string;
  periodEnd: string;
  currency: 'EUR';
  seller: InvoiceParty;
  buyer: InvoiceParty;
  buyerReference: string;
  lines: InvoiceLine[];
  vat: VatBreakdown;
  totals: InvoiceTotals;
  /** Mandatory French notes: PMD late-payment penalties, PMT 40 € indemnity, AAB escompte. */
  notes: { pmd: string; pmt: string; aab: string };
  /** Free text of the payment terms (BT-20). */
  paymentTerms: string;
  iban: string;
  bic: string;
  /** Credit notes: the invoice they correct (BG-3). */
  preceding: { number: string; issueDate: string } | null;
  /** Why a credit note was issued; '' for invoices. */
  reason: string;
}

export const RECOVERY_INDEMNITY_TEXT = 'Indemnité forfaitaire pour frais de recouvrement : 40 €.';
export const FRANCHISE_TEXT = 'TVA non applicable, art. 293 B du CGI';
export const VAT_ON_DEBITS_TEXT = 'Option pour le paiement de la taxe d’après les débits';
