import { describe, expect, it } from 'vitest';
import {
  billingSettingsSchema,
  defaultBillingSettings,
  ROUNDING_UNITS_SECONDS,
} from '../../../../shared/domain/billing/billing-settings';
import { billableEntrySchema } from '../../../../shared/domain/billing/entries';
import { makeEntry } from './helpers';

const window = (from: string, to: string) => ({
  majorations: [{ id: 'w', label: 'Plage', kind: 'time-window', from, to, supplement: { type: 'fixed', cents: 100 } }],
});

describe('billing settings', () => {
  it('gives a new firm time billing at 30 €/h per started minute and nothing else', () => {
    const settings = defaultBillingSettings();
    expect(settings.time).toMatchObject({
      enabled: true,
      hourlyRateCents: 3000,
      roundingUnitSeconds: 60,
      roundingDirection: 'up',
      roundingScope: 'entry',
      minimumPerCallSeconds: 0,
      freeUnderSeconds: 0,
    });
    expect(settings.time.taskTypes).not.toContain('typing-page');
    expect(settings.time.taskTypes).toContain('call');
    expect(settings.perTask.unitPriceCents).toEqual({});
    expect(settings.forfait.enabled).toBe(false);
    expect(settings.majorations).toEqual([]);
    expect(settings.holidayRegion).toBe('FR');
    expect(settings.afterCallWork).toEqual({ mode: 'none', fixedSeconds: 30 });
    expect(settings.serviceLevelSeconds).toBe(20);
  });

  it('hands out a fresh copy each time', () => {
    const first = defaultBillingSettings();
    first.time.taskTypes.push('typing-page');
    expect(defaultBillingSettings().time.taskTypes).not.toContain('typing-page');
  });

  it('fills what a partial setting leaves out', () => {
    const settings = billingSettingsSchema.parse({ forfait: { enabled: true, monthlyFeeCents: 9900 } });
    expect(settings.forfait).toMatchObject({
      enabled: true,
      monthlyFeeCents: 9900,
      quotaUnit: 'calls',
      taskTypes: ['call'],
    });
    expect(settings.time.hourlyRateCents).toBe(3000);
  });

  it("fills a majoration's task types with all of them", () => {
    const settings = billingSettingsSchema.parse(window('19:00', '08:00'));
    expect(settings.majorations[0]?.taskTypes).toHaveLength(11);
  });

  it.each(ROUNDING_UNITS_SECONDS)('accepts a rounding unit of %i s', (unit) => {
    expect(billingSettingsSchema.safeParse({ time: { roundingUnitSeconds: unit } }).success).toBe(true);
  });

  it.each([
    ['a 45-second rounding unit', { time: { roundingUnitSeconds: 45 } }],
    ['a rate in fractions of a cent', { time: { hourlyRateCents: 3000.5 } }],
    ['a negative unit price', { perTask: { unitPriceCents: { call: -1 } } }],
    ['an unknown task type', { perTask: { unitPriceCents: { coffee: 100 } } }],
    ['a time window that starts where it ends', window('08:00', '08:00')],
    ['a time of 24:00', window('19:00', '24:00')],
    ['a time without its leading zero', window('7:00', '19:00')],
    [
      'weekday 0',
      {
        majorations: [
          { id: 'd', label: 'Jour', kind: 'weekday', weekdays: [0], supplement: { type: 'fixed', cents: 1 } },
        ],
      },
    ],
    [
      'weekday 8',
      {
        majorations: [
          { id: 'd', label: 'Jour', kind: 'weekday', weekdays: [8], supplement: { type: 'fixed', cents: 1 } },
        ],
      },
    ],
    [
      'a fractional percentage',
      { majorations: [{ id: 'u', label: 'U', kind: 'urgent', supplement: { type: 'percent', basisPoints: 12.5 } }] },
    ],
    [
      'two majorations with one id',
      {
        majorations: [
          { id: 'x', label: 'A', kind: 'urgent', supplement: { type: 'fixed', cents: 1 } },
          { id: 'x', label: 'B', kind: 'public-holiday', supplement: { type: 'fixed', cents: 1 } },
        ],
      },
    ],
    ['an unknown holiday region', { holidayRegion: 'DE' }],
    ['a service level of 0 s', { serviceLevelSeconds: 0 }],
  ])('refuses %s', (_what, input) => {
    expect(billingSettingsSchema.safeParse(input).success).toBe(false);
  });
});

describe('billable entry schema', () => {
  it('accepts an entry built by the fixture', () => {
    expect(billableEntrySchema.safeParse(makeEntry()).success).toBe(true);
  });

  it('refuses a duration in fractions of a second', () => {
    expect(billableEntrySchema.safeParse({ ...makeEntry(), durationSeconds: 1.5 }).success).toBe(false);
  });
});
