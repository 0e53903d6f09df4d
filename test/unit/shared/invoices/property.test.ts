import fc from 'fast-check';
import { TASK_TYPES, billingSettingsSchema, type TaskType } from '../../../../shared/domain/billing/billing-settings';
import { computeMonth } from '../../../../shared/domain/billing/compute-month';
import type { BillableEntry } from '../../../../shared/domain/billing/entries';
import { hours10k, linesFromStatement, vatOf } from '../../../../shared/domain/invoices/build';
import { amount, toCii } from '../../../../shared/domain/invoices/cii';
import { invoiceOf } from './fixtures';
import { localMs } from '../billing/helpers';

/**
 * Over 10,000 random relevés (random billing rules, entries, VAT): the invoice lines add up to the relevé to the
 * cent, the totals add up, every figure in the document is an integer (no float anywhere), and every amount in
 * the XML is the document's cents written with exactly two decimals.
 */
const cents = fc.integer({ min: 0, max: 20_000 });
const taskType = fc.constantFrom(...TASK_TYPES);

const settings = fc
  .record({
    timeEnabled: fc.boolean(),
    hourlyRateCents: fc.integer({ min: 0, max: 9_000 }),
    roundingUnitSeconds: fc.constantFrom(1, 6, 30, 60, 300, 900),
    roundingDirection: fc.constantFrom('up', 'nearest', 'down'),
    roundingScope: fc.constantFrom('entry', 'day-task'),
    minimumPerCallSeconds: fc.integer({ min: 0, max: 120 }),
    freeUnderSeconds: fc.integer({ min: 0, max: 20 }),
    prices: fc.dictionary(taskType, cents, { maxKeys: 5 }),
    forfait: fc.option(
      fc.record({
        monthlyFeeCents: cents,
        quotaUnit: fc.constantFrom('calls', 'minutes', 'tasks'),
        includedQuantity: fc.integer({ min: 0, max: 30 }),
        overagePriceCents: fc.integer({ min: 0, max: 500 }),
      }),
    ),
    percent: fc.option(fc.integer({ min: 1, max: 10_000 })),
    fixed: fc.option(fc.integer({ min: 1, max: 2_000 })),
  })
  .map((r) =>
    billingSettingsSchema.parse({
      time: {
        enabled: r.timeEnabled,
        hourlyRateCents: r.hourlyRateCents,
        roundingUnitSeconds: r.roundingUnitSeconds,
        roundingDirection: r.roundingDirection,
        roundingScope: r.roundingScope,
        minimumPerCallSeconds: r.minimumPerCallSeconds,
        freeUnderSeconds: r.freeUnderSeconds,
      },
      perTask: { unitPriceCents: r.prices },
      forfait: r.forfait ? { enabled: true, taskTypes: ['call'], ...r.forfait } : { enabled: false },
      majorations: [
        ...(r.percent
          ? [
              {
                id: 'we',
                kind: 'weekday',
                label: 'Week-end',
                weekdays: [6, 7],
                supplement: { type: 'percent', basisPoints: r.percent },
              },
            ]
          : []),
        ...(r.fixed
          ? [{ id: 'urg', kind: 'urgent', label: 'Urgence', supplement: { type: 'fixed', cents: r.fixed } }]
          : []),
      ],
    }),
  );

const entries = fc.array(
  fc.record({
    day: fc.integer({ min: 1, max: 31 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    durationSeconds: fc.integer({ min: 0, max: 3 * 3600 }),
    taskType,
    quantity: fc.integer({ min: 1, max: 20 }),
    billable: fc.boolean(),
    urgent: fc.boolean(),
  }),
  { maxLength: 40 },
);

function integersOnly(value: unknown, path = 'document'): string[] {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => integersOnly(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => integersOnly(v, `${path}.${k}`));
  return [];
}

describe('invoices from 10,000 random relevés', () => {
  it('add up to the relevé to the cent, with integers only and two-decimal amounts in the XML', () => {
    fc.assert(
      fc.property(settings, entries, fc.constantFrom(0, 550, 1000, 2000), (billing, raw, rate) => {
        const billable: BillableEntry[] = raw.map((e, i) => ({
          id: `e${i}`,
          startedAt: localMs(
            `2026-03-${String(e.day).padStart(2, '0')}T${String(Math.floor(e.minute / 60)).padStart(2, '0')}:${String(e.minute % 60).padStart(2, '0')}:00`,
          ),
          durationSeconds: e.durationSeconds,
          taskType: e.taskType as TaskType,
          quantity: e.quantity,
          billable: e.billable,
          urgent: e.urgent,
          label: 'x',
          source: 'manual',
        }));
        const statement = computeMonth({
          settings: billing,
          timeZone: 'Europe/Paris',
          month: '2026-03',
          entries: billable,
        });
        const lines = linesFromStatement(statement);
        expect(lines.reduce((sum, l) => sum + l.amountCents, 0)).toBe(statement.totalCents);
        const doc = invoiceOf(
          statement,
          rate === 0
            ? { mode: 'franchise', rateBasisPoints: 0, onDebits: false }
            : { mode: 'rate', rateBasisPoints: rate, onDebits: false },
        );
        expect(doc.totals.linesCents).toBe(statement.totalCents);
        expect(doc.totals.vatCents).toBe(vatOf(doc.totals.taxBasisCents, rate));
        expect(doc.totals.grandTotalCents).toBe(doc.totals.linesCents + doc.totals.vatCents);
        expect(integersOnly(doc)).toEqual([]);
        const xml = toCii(doc);
        const written = [
          ...xml.matchAll(
            /<ram:(?:LineTotalAmount|TaxBasisTotalAmount|GrandTotalAmount|DuePayableAmount|ChargeAmount|BasisAmount|CalculatedAmount)>([^<]*)</g,
          ),
        ].map((m) => m[1]!);
        for (const value of written) expect(value).toMatch(/^-?\d+\.\d{2}$/);
        expect(xml).toContain(`<ram:GrandTotalAmount>${amount(doc.totals.grandTotalCents)}</ram:GrandTotalAmount>`);
      }),
      { numRuns: 10_000, seed: 20261203 },
    );
    // 10,000 relevés take ~20 s on a quiet 2-core machine: room for a loaded one.
  }, 300_000);

  it('rounds hours and VAT half up in integers', () => {
    expect(hours10k(3600)).toBe(10_000);
    expect(hours10k(61)).toBe(169); // 0.016944… h
    expect(hours10k(1)).toBe(3); // 0.000277… h
    expect(vatOf(1250, 2000)).toBe(250);
    expect(vatOf(1, 550)).toBe(0); // 0.055 cent
    expect(vatOf(10, 550)).toBe(1); // 0.55 cent rounds up
    expect(amount(-5)).toBe('-0.05');
    expect(amount(123456)).toBe('1234.56');
  });
});
