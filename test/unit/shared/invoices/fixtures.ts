import type { MonthStatement } from '../../../../shared/domain/billing/statement';
import { addDays, assembleInvoice, linesFromStatement, type VatChoice } from '../../../../shared/domain/invoices/build';
import type { InvoiceDocument, InvoiceParty } from '../../../../shared/domain/invoices/model';
import { makeEntry, settingsOf, statementOf } from '../billing/helpers';

/** The six fixtures the issue names, each built from a real relevé computed by the billing engine. */

export const SELLER: InvoiceParty = {
  name: 'Marie Dupont & Associés EI',
  siren: '812345674',
  address: { line1: '12 rue des Lilas', line2: '', postcode: '35000', city: 'Rennes', countryCode: 'FR' },
  electronicAddress: { scheme: '0002', id: '812345674' },
  vatId: '',
};
export const BUYER: InvoiceParty = {
  name: 'Cabinet Martin <Avocats>',
  siren: '552100554',
  address: {
    line1: '3 place du Parlement',
    line2: 'BP 12',
    postcode: '35064',
    city: 'Rennes Cedex',
    countryCode: 'FR',
  },
  electronicAddress: { scheme: '0225', id: '552100554_MARTIN' },
  vatId: '',
};

export function timeAndTasksStatement(): MonthStatement {
  return statementOf(
    settingsOf({
      time: { enabled: true, hourlyRateCents: 3000, roundingUnitSeconds: 60, taskTypes: ['call', 'outgoing-call'] },
      perTask: { unitPriceCents: { message: 150, 'typing-page': 250 } },
    }),
    [
      makeEntry({ durationSeconds: 61 }),
      makeEntry({ durationSeconds: 300, at: '2026-03-03T14:00:00' }),
      makeEntry({ durationSeconds: 45, taskType: 'outgoing-call', at: '2026-03-04T09:00:00' }),
      makeEntry({ durationSeconds: 0, taskType: 'message', quantity: 3, at: '2026-03-05T09:00:00' }),
      makeEntry({ durationSeconds: 0, taskType: 'typing-page', quantity: 4, at: '2026-03-06T09:00:00' }),
    ],
  );
}

export function forfaitStatement(): MonthStatement {
  return statementOf(
    settingsOf({
      time: { enabled: false },
      forfait: {
        enabled: true,
        monthlyFeeCents: 9900,
        quotaUnit: 'calls',
        includedQuantity: 2,
        overagePriceCents: 180,
        taskTypes: ['call'],
      },
    }),
    [1, 2, 3, 4, 5].map((d) => makeEntry({ at: `2026-03-0${d + 1}T10:00:00` })),
  );
}

export function majorationsStatement(): MonthStatement {
  return statementOf(
    settingsOf({
      time: { enabled: true, hourlyRateCents: 3600, roundingUnitSeconds: 30 },
      majorations: [
        {
          id: 'we',
          kind: 'weekday',
          label: 'Week-end',
          weekdays: [6, 7],
          supplement: { type: 'percent', basisPoints: 5000 },
        },
        { id: 'urg', kind: 'urgent', label: 'Urgence', supplement: { type: 'fixed', cents: 500 } },
      ],
    }),
    [
      makeEntry({ durationSeconds: 125, at: '2026-03-07T10:00:00' }),
      makeEntry({ durationSeconds: 95, urgent: true, at: '2026-03-09T10:00:00' }),
      makeEntry({ durationSeconds: 40, at: '2026-03-10T10:00:00' }),
    ],
  );
}

export function invoiceOf(
  statement: MonthStatement,
  vat: VatChoice,
  overrides: Partial<Pick<InvoiceDocument, 'kind' | 'number' | 'preceding' | 'reason'>> = {},
): InvoiceDocument {
  const issueDate = '2026-04-01';
  return assembleInvoice({
    kind: overrides.kind ?? 'invoice',
    number: overrides.number ?? 'FA-0042',
    issueDate,
    dueDate: addDays(issueDate, 30),
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    seller: vat.mode === 'rate' ? { ...SELLER, vatId: 'FR44812345674' } : SELLER,
    buyer: BUYER,
    buyerReference: '',
    lines: linesFromStatement(statement),
    vat,
    latePenaltyText: 'Pénalités de retard : trois fois le taux d’intérêt légal.',
    earlyPaymentText: 'Pas d’escompte pour paiement anticipé.',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    preceding: overrides.preceding ?? null,
    reason: overrides.reason ?? '',
  });
}

export const FRANCHISE: VatChoice = { mode: 'franchise', rateBasisPoints: 0, onDebits: false };
export const VAT_20: VatChoice = { mode: 'rate', rateBasisPoints: 2000, onDebits: false };
export const VAT_20_DEBITS: VatChoice = { mode: 'rate', rateBasisPoints: 2000, onDebits: true };
