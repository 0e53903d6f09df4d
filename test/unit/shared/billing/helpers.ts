import { DateTime } from 'luxon';
import {
  billingSettingsSchema,
  type BillingSettings,
  type BillingSettingsInput,
} from '../../../../shared/domain/billing/billing-settings';
import type { BillableEntry } from '../../../../shared/domain/billing/entries';
import { computeMonth } from '../../../../shared/domain/billing/compute-month';
import type { MonthStatement } from '../../../../shared/domain/billing/statement';

export const PARIS = 'Europe/Paris';

/** UTC epoch ms of a local wall-clock time ('2026-03-02T10:00:00') in `zone`. */
export function localMs(localIso: string, zone = PARIS): number {
  const dt = DateTime.fromISO(localIso, { zone });
  if (!dt.isValid) throw new Error(`bad test date ${localIso}`);
  return dt.toMillis();
}

export function settingsOf(input: BillingSettingsInput = {}): BillingSettings {
  return billingSettingsSchema.parse(input);
}

/**
 * Time mode at 36 € HT/h = 3600 cents per hour = 1 cent per second, so amounts read as billed seconds.
 * Forfait off, no unit prices: only what the test adds.
 */
export function timeSettings(time: NonNullable<BillingSettingsInput['time']> = {}): BillingSettings {
  return settingsOf({ time: { enabled: true, hourlyRateCents: 3600, ...time } });
}

let counter = 0;

type EntryOverrides = Partial<BillableEntry> & { at?: string };

/** A billable 60-second call on Monday 2 March 2026 at 10:00 Paris unless told otherwise. */
export function makeEntry(overrides: EntryOverrides = {}): BillableEntry {
  const { at, ...rest } = overrides;
  counter += 1;
  return {
    id: `e${String(counter).padStart(5, '0')}`,
    startedAt: localMs(at ?? '2026-03-02T10:00:00'),
    durationSeconds: 60,
    taskType: 'call',
    quantity: 1,
    billable: true,
    urgent: false,
    label: 'Appelant',
    source: 'call',
    ...rest,
  };
}

export function statementOf(
  settings: BillingSettings,
  entries: BillableEntry[],
  month = '2026-03',
  timeZone = PARIS,
): MonthStatement {
  return computeMonth({ settings, timeZone, month, entries });
}

/** The one line of a single-entry statement. */
export function onlyLine(statement: MonthStatement) {
  expect(statement.lines).toHaveLength(1);
  const line = statement.lines[0];
  if (!line) throw new Error('no line');
  return line;
}
