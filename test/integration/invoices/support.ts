import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../fixtures/factories';
import { handledCall } from '../../unit/main/timesheets/support';

/** 2 Dec 2026 10:00 Paris: November 2026 is over and can be invoiced. */
export const ISSUE_DAY = Date.UTC(2026, 11, 2, 9, 0);
export const MONTH = '2026-11';

export interface InvoicesContext {
  t: TestContext;
  clock: { now: number };
  firmId: string;
}

/**
 * Real store, services and contract client; her identity and one firm billed by time, per typed page and with
 * an urgent majoration, with twelve calls and one urgent typing task in November 2026.
 * `complete: false` leaves out her IBAN and the firm's electronic address (issuing must then be blocked).
 */
export function openInvoicesContext(options: { complete?: boolean; dataDir?: string } = {}): InvoicesContext {
  const clock = { now: Date.UTC(2026, 10, 2, 8, 0) };
  const t = openTestContext({ now: () => clock.now, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const { services } = t;
  services.settings.update({
    secretaryName: 'Julie',
    legalName: 'Julie Moreau & Fils',
    siren: '912 345 674',
    address: '4 allée des Tilleuls\n69003 Lyon',
    vatMode: 'franchise',
  });
  const firm = services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        { name: 'Cabinet Martin', numbers: [{ e164: '01 99 00 12 34', label: '' }] },
        {
          billing: {
            time: { hourlyRateCents: 3600, roundingUnitSeconds: 60, roundingDirection: 'up' },
            perTask: { unitPriceCents: { 'typing-page': 350 } },
            majorations: [
              { id: 'urgent', kind: 'urgent', label: 'Urgence', supplement: { type: 'fixed', cents: 500 } },
            ],
            billingAddress: '12 rue de la Paix\n75002 Paris',
            siren: '732 829 320',
          },
        },
      ),
    ),
  });
  if (options.complete !== false) {
    services.invoices.saveSettings({ iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' });
    services.invoices.saveFirmDetails(firm.id, {
      ...services.invoices.firmDetails(firm.id),
      electronicAddress: { scheme: '0225', id: '732829320_COMPTA' },
      emails: ['compta@martin.test'],
    });
  }
  for (let i = 0; i < 12; i += 1) {
    clock.now = Date.UTC(2026, 10, 3 + i, 9, 30);
    handledCall(t, firm.id, clock.now, 3, 61 + i * 37);
  }
  services.timesheets.create({
    firmId: firm.id,
    taskType: 'typing-page',
    startedAt: Date.UTC(2026, 10, 20, 14),
    durationSeconds: 1800,
    quantity: 6,
    billable: true,
    urgent: true,
    label: 'Conclusions Durand',
    note: '',
  });
  clock.now = ISSUE_DAY;
  return { t, clock, firmId: firm.id };
}

export function lockMonth(ctx: InvoicesContext): void {
  ctx.t.services.billing.lock(ctx.firmId, MONTH, 'fin de mois');
}
