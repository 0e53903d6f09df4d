import type { RegisterInput } from './model';

/** The firm's legal identity as her invoicing knows it (null for an archived firm, or none given yet). */
export function firmInvoicingOf(
  invoices: {
    firmDetails(firmId: string): {
      legalName: string;
      siren: string;
      address: { line1: string; line2: string; postcode: string; city: string };
    };
  },
  firmId: string,
): RegisterInput['firmInvoicing'] {
  try {
    const details = invoices.firmDetails(firmId);
    const a = details.address;
    const address = [a.line1, a.line2, `${a.postcode} ${a.city}`.trim()].filter(Boolean).join(', ');
    return { legalName: details.legalName, siren: details.siren, address };
  } catch {
    return null;
  }
}
