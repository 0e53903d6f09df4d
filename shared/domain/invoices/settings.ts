import { z } from 'zod';
import { v } from '../validation-messages';

/**
 * What she fills in once to invoice (her side) and per firm (the buyer's side). Kept apart from the relevé
 * settings: an invoice needs a structured address, electronic addresses and payment details that a relevé does
 * not. Every field is bounded (contract inputs), and what an invoice cannot do without is listed by
 * missingForIssue(), so issuing is blocked with the list instead of producing a half-filled invoice.
 */

/** Electronic invoicing address schemes accepted by the French platforms: SIREN (0002) or SIREN_suffix (0225). */
export const ELECTRONIC_ADDRESS_SCHEMES = ['0002', '0225'] as const;
export const electronicAddressSchema = z.object({
  scheme: z.enum(ELECTRONIC_ADDRESS_SCHEMES).default('0225'),
  id: z.string().trim().max(100).default(''),
});
export type ElectronicAddress = z.infer<typeof electronicAddressSchema>;

export const postalAddressSchema = z.object({
  line1: z.string().trim().max(100).default(''),
  line2: z.string().trim().max(100).default(''),
  postcode: z.string().trim().max(10).default(''),
  city: z.string().trim().max(60).default(''),
  /** ISO 3166-1 alpha-2. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: v('invalidCountry') })
    .default('FR'),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

const sirenSchema = z
  .string()
  .max(32)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^(\d{9})?$/, { message: v('invalidSiren') }));

/** Characters a French platform accepts in an invoice number (BR-FR: ≤ 35, no spaces). */
export const INVOICE_NUMBER_CHARS = /^[A-Za-z0-9+\-_/]*$/;

export const invoicingSettingsSchema = z.object({
  /** Printed before the sequence number: « FA-0042 », « 2026-0042 ». */
  numberPrefix: z
    .string()
    .max(20)
    .regex(INVOICE_NUMBER_CHARS, { message: v('invalidInvoicePrefix') })
    .default('FA-'),
  sellerAddress: postalAddressSchema.default(postalAddressSchema.parse({})),
  /** Her own electronic invoicing address (BT-34); empty means her SIREN with scheme 0002. */
  sellerElectronicAddress: electronicAddressSchema.default({ scheme: '0002', id: '' }),
  /** Intra-community VAT number (BT-31): required when she charges VAT. */
  sellerVatId: z
    .string()
    .trim()
    .max(20)
    .regex(/^([A-Z]{2}[0-9A-Z]{2,13})?$/, { message: v('invalidVatId') })
    .default(''),
  /** Days between issue and due date (French B2B: 60 days at most; 45 for a monthly periodic invoice). */
  paymentTermDays: z.number().int().min(0).max(60).default(30),
  latePenaltyText: z
    .string()
    .trim()
    .max(300)
    .default('Pénalités de retard : trois fois le taux d’intérêt légal, exigibles dès le lendemain de l’échéance.'),
  earlyPaymentText: z.string().trim().max(300).default('Pas d’escompte pour paiement anticipé.'),
  /** Bank details printed on the invoice and written as the payment means (SEPA credit transfer). */
  iban: z
    .string()
    .max(64)
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().max(34))
    .default(''),
  bic: z
    .string()
    .max(32)
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^([A-Z0-9]{8}|[A-Z0-9]{11})?$/, { message: v('invalidBic') }))
    .default(''),
  /** « Option pour le paiement de la taxe d’après les débits » (VAT due at invoicing instead of at payment). */
  vatOnDebits: z.boolean().default(false),
});
export type InvoicingSettings = z.infer<typeof invoicingSettingsSchema>;
export const invoicingSettingsInputSchema = invoicingSettingsSchema.partial().strict();

/** The firm as a buyer. */
export const firmInvoicingSchema = z.object({
  legalName: z.string().trim().max(160).default(''),
  siren: sirenSchema.default(''),
  address: postalAddressSchema.default(postalAddressSchema.parse({})),
  electronicAddress: electronicAddressSchema.default({ scheme: '0225', id: '' }),
  /** Who receives the invoice by e-mail. */
  emails: z
    .array(z.email({ message: v('invalidEmail') }).max(254))
    .max(5)
    .default([]),
  /** The firm's own reference for her invoices (BT-10), when it asks for one. */
  buyerReference: z.string().trim().max(100).default(''),
});
export type FirmInvoicing = z.infer<typeof firmInvoicingSchema>;

/** Her identity as kept in the app settings (relevé), which the invoice reuses. */
export interface SellerIdentity {
  legalName: string;
  siren: string;
  vatMode: 'franchise' | 'rate';
  vatRateBasisPoints: number;
}

/** Keys of what must be filled in before an invoice can be issued; i18n keys under `invoices.missing`. */
export type MissingItem =
  | 'sellerLegalName'
  | 'sellerSiren'
  | 'sellerAddress'
  | 'sellerVatId'
  | 'iban'
  | 'firmLegalName'
  | 'firmSiren'
  | 'firmAddress'
  | 'firmElectronicAddress';

export function missingForIssue(
  seller: SellerIdentity,
  settings: InvoicingSettings,
  firm: FirmInvoicing,
): MissingItem[] {
  const missing: MissingItem[] = [];
  const address = (a: PostalAddress) => a.line1 !== '' && a.postcode !== '' && a.city !== '';
  if (seller.legalName.trim() === '') missing.push('sellerLegalName');
  if (!/^\d{9}$/.test(seller.siren.replace(/\s+/g, ''))) missing.push('sellerSiren');
  if (!address(settings.sellerAddress)) missing.push('sellerAddress');
  if (seller.vatMode === 'rate' && settings.sellerVatId === '') missing.push('sellerVatId');
  if (settings.iban === '') missing.push('iban');
  if (firm.legalName === '') missing.push('firmLegalName');
  if (!/^\d{9}$/.test(firm.siren)) missing.push('firmSiren');
  if (!address(firm.address)) missing.push('firmAddress');
  if (firm.electronicAddress.id === '') missing.push('firmElectronicAddress');
  return missing;
}
