import { describe, expect, it } from 'vitest';
import type { BillingSettingsInput } from '../../../../shared/domain/billing/billing-settings';
import { makeEntry, onlyLine, settingsOf, statementOf } from './helpers';

type RuleInput = NonNullable<BillingSettingsInput['majorations']>[number];

const quarter = { type: 'percent', basisPoints: 2500 } as const; // 25 %
const half = { type: 'percent', basisPoints: 5000 } as const; // 50 %

/** Calls at 10 € each, à la tâche, so percentages read easily. */
function withRules(majorations: RuleInput[], extra: BillingSettingsInput = {}) {
  return settingsOf({ time: { enabled: false }, perTask: { unitPriceCents: { call: 1000 } }, majorations, ...extra });
}

const weekend: RuleInput = { id: 'we', label: 'Week-end', kind: 'weekday', weekdays: [6, 7], supplement: quarter };
const evening: RuleInput = {
  id: 'soir',
  label: 'Soir et nuit',
  kind: 'time-window',
  from: '19:00',
  to: '08:00',
  supplement: quarter,
};
const holiday: RuleInput = { id: 'ferie', label: 'Jour férié', kind: 'public-holiday', supplement: half };
const urgent: RuleInput = {
  id: 'urgent',
  label: 'Urgence',
  kind: 'urgent',
  supplement: { type: 'fixed', cents: 1500 },
};

function amountAt(settings: ReturnType<typeof withRules>, at: string, month = at.slice(0, 7)) {
  return onlyLine(statementOf(settings, [makeEntry({ at })], month)).amountCents;
}

describe('weekday majoration', () => {
  it('adds 25 % on a Saturday', () => {
    // Saturday 7 March 2026: 1000 + 25 % = 1250
    expect(amountAt(withRules([weekend]), '2026-03-07T10:00:00')).toBe(1250);
  });

  it('adds nothing on a Monday', () => {
    expect(amountAt(withRules([weekend]), '2026-03-02T10:00:00')).toBe(1000);
  });

  it("reads the weekday in the firm's zone", () => {
    // Sunday 8 March 00:30 Paris is Saturday 23:30Z: a Sunday-only rule applies
    const sunday: RuleInput = { ...weekend, weekdays: [7] } as RuleInput;
    const line = onlyLine(statementOf(withRules([sunday]), [makeEntry({ startedAt: Date.UTC(2026, 2, 7, 23, 30) })]));
    expect(line.localDate).toBe('2026-03-08');
    expect(line.amountCents).toBe(1250);
  });
});

describe('time-window majoration across midnight (19:00–08:00)', () => {
  it.each([
    ['18:59:59', 1000], // just before the window
    ['19:00:00', 1250], // from is inclusive
    ['23:30:00', 1250],
    ['00:00:00', 1250], // past midnight
    ['07:59:59', 1250],
    ['08:00:00', 1000], // to is exclusive
    ['12:00:00', 1000],
  ])('a call starting at %s costs %i c', (time, expected) => {
    expect(amountAt(withRules([evening]), `2026-03-03T${time}`)).toBe(expected);
  });

  it('handles a window that does not wrap (12:00–14:00)', () => {
    const lunch: RuleInput = { ...evening, id: 'midi', from: '12:00', to: '14:00' } as RuleInput;
    // 13:59 inside → 1250; 14:00 outside → 1000
    expect(amountAt(withRules([lunch]), '2026-03-03T13:59:00')).toBe(1250);
    expect(amountAt(withRules([lunch]), '2026-03-03T14:00:00')).toBe(1000);
  });

  it('decides on the start: a call begun at 18:58 and running into the evening is not supplemented', () => {
    expect(
      onlyLine(statementOf(withRules([evening]), [makeEntry({ at: '2026-03-03T18:58:00', durationSeconds: 1800 })]))
        .amountCents,
    ).toBe(1000);
  });
});

describe('public-holiday majoration', () => {
  it('adds 50 % on Easter Monday 2026 (6 April)', () => {
    // 1000 + 500
    expect(amountAt(withRules([holiday]), '2026-04-06T10:00:00')).toBe(1500);
  });

  it('adds 50 % on Easter Monday 2027 (29 March)', () => {
    expect(amountAt(withRules([holiday]), '2027-03-29T10:00:00')).toBe(1500);
  });

  it('adds nothing on Good Friday 2026 outside Alsace-Moselle', () => {
    expect(amountAt(withRules([holiday]), '2026-04-03T10:00:00')).toBe(1000);
  });

  it.each(['2026-04-03', '2027-03-26'])('adds 50 %% on Good Friday %s in Alsace-Moselle', (day) => {
    const settings = withRules([holiday], { holidayRegion: 'FR-alsace-moselle' });
    expect(amountAt(settings, `${day}T10:00:00`)).toBe(1500);
  });

  it.each(['2025-12-26', '2026-12-26'])('adds 50 %% on %s (Saint-Étienne) in Alsace-Moselle only', (day) => {
    const alsace = withRules([holiday], { holidayRegion: 'FR-alsace-moselle' });
    expect(amountAt(alsace, `${day}T10:00:00`)).toBe(1500);
    expect(amountAt(withRules([holiday]), `${day}T10:00:00`)).toBe(1000);
  });

  it('uses the local day: 14 July 00:15 Paris is still 13 July in UTC', () => {
    // 2026-07-13T22:15Z = 14 July 00:15 CEST
    const line = onlyLine(
      statementOf(withRules([holiday]), [makeEntry({ startedAt: Date.UTC(2026, 6, 13, 22, 15) })], '2026-07'),
    );
    expect(line.amountCents).toBe(1500);
  });
});

describe('urgent majoration', () => {
  it('adds a fixed 15 € to an urgent call', () => {
    // 1000 + 1500
    const line = onlyLine(statementOf(withRules([urgent]), [makeEntry({ urgent: true })]));
    expect(line.majorations).toEqual([{ ruleId: 'urgent', label: 'Urgence', amountCents: 1500 }]);
    expect(line.amountCents).toBe(2500);
  });

  it('adds nothing to a call that is not urgent', () => {
    expect(onlyLine(statementOf(withRules([urgent]), [makeEntry({ urgent: false })])).majorations).toEqual([]);
  });
});

describe('percent, fixed and stacking', () => {
  it('takes a percentage of the line amount, rounded half up to the cent', () => {
    // 61 s at 30 €/h, per second: 50,83 → 51 c; 25 % of 51 = 12,75 → 13 c; line 64 c
    const settings = settingsOf({
      time: { enabled: true, hourlyRateCents: 3000, roundingUnitSeconds: 1 },
      majorations: [{ ...weekend, weekdays: [1] } as RuleInput],
    });
    const line = onlyLine(statementOf(settings, [makeEntry({ durationSeconds: 61 })]));
    expect([line.baseAmountCents, line.majorations[0]?.amountCents, line.amountCents]).toEqual([51, 13, 64]);
  });

  it('rounds an exact half cent up', () => {
    // unit price 10 c, 25 % = 2,5 c → 3 c
    const settings = settingsOf({
      time: { enabled: false },
      perTask: { unitPriceCents: { message: 10 } },
      majorations: [{ ...weekend, weekdays: [1] } as RuleInput],
    });
    expect(onlyLine(statementOf(settings, [makeEntry({ taskType: 'message' })])).amountCents).toBe(13);
  });

  it('adds a fixed supplement once per line whatever the quantity', () => {
    // 4 pages × 350 = 1400, urgent fixed 1500 once → 2900 (a percentage would scale: 25 % → 350)
    const settings = settingsOf({
      perTask: { unitPriceCents: { 'typing-page': 350 } },
      majorations: [urgent, { id: 'p', label: 'Urgent %', kind: 'urgent', supplement: quarter }],
    });
    const line = onlyLine(statementOf(settings, [makeEntry({ taskType: 'typing-page', quantity: 4, urgent: true })]));
    expect(line.majorations.map((m) => m.amountCents)).toEqual([1500, 350]);
    expect(line.amountCents).toBe(3250);
  });

  it('stacks two majorations on the base, without compounding', () => {
    // Sunday 8 March 21:00: weekend 50 % = 500, evening 25 % = 250 → 1750 (compounded would be 1875)
    const settings = withRules([{ ...weekend, supplement: half } as RuleInput, evening]);
    const line = onlyLine(statementOf(settings, [makeEntry({ at: '2026-03-08T21:00:00' })]));
    expect(line.majorations.map((m) => m.ruleId)).toEqual(['we', 'soir']);
    expect(line.amountCents).toBe(1750);
  });

  it('only supplements the task types a rule names', () => {
    // the urgent rule is for calls only: an urgent letter (3 €) stays at 3 €
    const callsOnly = { ...urgent, taskTypes: ['call'] } as RuleInput;
    const settings = withRules([callsOnly], { perTask: { unitPriceCents: { call: 1000, mail: 300 } } });
    const statement = statementOf(settings, [
      makeEntry({ taskType: 'mail', urgent: true, at: '2026-03-02T10:00:00' }),
      makeEntry({ taskType: 'call', urgent: true, at: '2026-03-02T11:00:00' }),
    ]);
    expect(statement.lines.map((l) => l.amountCents)).toEqual([300, 2500]);
  });

  it('gives no majoration to a free short call', () => {
    const settings = settingsOf({ time: { enabled: true, freeUnderSeconds: 10 }, majorations: [urgent] });
    const statement = statementOf(settings, [makeEntry({ durationSeconds: 5, urgent: true })]);
    expect(statement.totalCents).toBe(0);
    expect(statement.majorationLines).toEqual([]);
  });

  it('aggregates one majoration line per rule, in the order of the rules', () => {
    // Saturday urgent call: we 250 + urgent 1500; Monday urgent call: urgent 1500; evening never applies
    const settings = withRules([urgent, evening, weekend]);
    const statement = statementOf(settings, [
      makeEntry({ at: '2026-03-07T10:00:00', urgent: true }),
      makeEntry({ at: '2026-03-09T10:00:00', urgent: true }),
    ]);
    expect(statement.majorationLines).toEqual([
      { ruleId: 'urgent', label: 'Urgence', kind: 'urgent', lineCount: 2, amountCents: 3000 },
      { ruleId: 'we', label: 'Week-end', kind: 'weekday', lineCount: 1, amountCents: 250 },
    ]);
    // base 2000 + majorations 3250
    expect(statement.subtotals).toMatchObject({ perTaskCents: 2000, majorationsCents: 3250 });
    expect(statement.totalCents).toBe(5250);
  });
});
