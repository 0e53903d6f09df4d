import {
  firmInvoicingSchema,
  invoicingSettingsSchema,
  missingForIssue,
  type FirmInvoicing,
  type InvoicingSettings,
  type MissingItem,
  type SellerIdentity,
} from '../../../shared/domain/invoices/settings';
import type { InvoiceParty } from '../../../shared/domain/invoices/model';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import type { Settings } from '../../../shared/domain/settings';
import type { InvoicesRepository } from '../../store/repositories/invoices';

/**
 * Her invoicing settings and each firm's buyer details. A firm never filled in starts from what its relevé
 * already knows (SIREN and postal address of the billing tab), so she completes rather than retypes.
 */

/** « 12 rue X\n35000 Rennes » → line1/line2 + postcode + city (last line with a 5-digit postcode). */
export function addressFromLines(text: string) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const cityIndex = lines.findIndex((l) => /^\d{5}\s+\S/.test(l));
  const cityLine = cityIndex >= 0 ? lines[cityIndex]! : '';
  const street = cityIndex >= 0 ? lines.filter((_, i) => i !== cityIndex) : lines;
  return {
    line1: (street[0] ?? '').slice(0, 100),
    line2: street.slice(1).join(', ').slice(0, 100),
    postcode: cityLine.slice(0, 5),
    city: cityLine.slice(5).trim().slice(0, 60),
    countryCode: 'FR',
  };
}

export function createInvoicingDetails(repo: InvoicesRepository) {
  function settings(appSettings: Settings): InvoicingSettings {
    const stored = invoicingSettingsSchema.safeParse(repo.readSettings());
    const value = stored.success ? stored.data : invoicingSettingsSchema.parse({});
    if (value.sellerAddress.line1 === '' && appSettings.address.trim() !== '') {
      value.sellerAddress = { ...value.sellerAddress, ...addressFromLines(appSettings.address) };
    }
    return value;
  }

  function firm(detail: FirmDetail): FirmInvoicing {
    const stored = repo.readFirm(detail.id);
    if (stored) {
      const parsed = firmInvoicingSchema.safeParse(stored);
      if (parsed.success) return parsed.data;
    }
    const siren = detail.billing.siren.replace(/\s+/g, '');
    return firmInvoicingSchema.parse({
      legalName: detail.profile.name,
      siren,
      address: addressFromLines(detail.billing.billingAddress),
      electronicAddress: { scheme: '0002', id: siren },
      emails: [],
    });
  }

  return {
    settings,
    saveSettings(appSettings: Settings, patch: Partial<InvoicingSettings>): InvoicingSettings {
      const next = invoicingSettingsSchema.parse({ ...settings(appSettings), ...patch });
      repo.writeSettings(next);
      return next;
    },
    firm,
    saveFirm(detail: FirmDetail, value: FirmInvoicing, at: number): FirmInvoicing {
      const next = firmInvoicingSchema.parse(value);
      repo.writeFirm(detail.id, next, at);
      return next;
    },
    seller(appSettings: Settings): SellerIdentity {
      return {
        legalName: appSettings.legalName,
        siren: appSettings.siren.replace(/\s+/g, ''),
        vatMode: appSettings.vatMode,
        vatRateBasisPoints: appSettings.vatRateBasisPoints,
      };
    },
    missing(appSettings: Settings, detail: FirmDetail): MissingItem[] {
      return missingForIssue(
        {
          legalName: appSettings.legalName,
          siren: appSettings.siren,
          vatMode: appSettings.vatMode,
          vatRateBasisPoints: appSettings.vatRateBasisPoints,
        },
        settings(appSettings),
        firm(detail),
      );
    },
    /** The parties as frozen on an invoice. */
    parties(appSettings: Settings, detail: FirmDetail): { seller: InvoiceParty; buyer: InvoiceParty } {
      const s = settings(appSettings);
      const f = firm(detail);
      const siren = appSettings.siren.replace(/\s+/g, '');
      return {
        seller: {
          name: `${appSettings.legalName.trim()} EI`,
          siren,
          address: s.sellerAddress,
          electronicAddress: s.sellerElectronicAddress.id ? s.sellerElectronicAddress : { scheme: '0002', id: siren },
          vatId: appSettings.vatMode === 'rate' ? s.sellerVatId : '',
        },
        buyer: {
          name: f.legalName,
          siren: f.siren,
          address: f.address,
          electronicAddress: f.electronicAddress,
          vatId: '',
        },
      };
    },
  };
}
export type InvoicingDetails = ReturnType<typeof createInvoicingDetails>;
