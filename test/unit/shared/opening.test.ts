import { DateTime } from 'luxon';
import { emptyWeek, officeWeek } from '../../../shared/domain/firm/hours';
import { openingStateAt, type OpeningCalendar } from '../../../shared/domain/firm/opening';

const PARIS = 'Europe/Paris';
const at = (iso: string, zone = PARIS) => DateTime.fromISO(iso, { zone }).toMillis();
const iso = (ms: number, zone = PARIS) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });

function calendar(overrides: Partial<OpeningCalendar> = {}): OpeningCalendar {
  return { timeZone: PARIS, weeklyHours: officeWeek(), closures: [], closedOnPublicHolidays: true, ...overrides };
}

describe('openingStateAt', () => {
  it('says open until the end of the current interval', () => {
    expect(openingStateAt(calendar(), at('2026-11-24T10:15'))).toEqual({ open: true, until: at('2026-11-24T12:30') });
  });

  it('says closed over lunch and reopening at 14:00 the same day', () => {
    const state = openingStateAt(calendar(), at('2026-11-24T13:00'));
    expect(state).toMatchObject({ open: false, reason: 'outside-hours' });
    expect(!state.open && iso(state.nextOpening!)).toBe('2026-11-24T14:00:00+01:00');
  });

  it('on Friday evening points to Monday morning', () => {
    const state = openingStateAt(calendar(), at('2026-11-27T18:30'));
    expect(!state.open && iso(state.nextOpening!)).toBe('2026-11-30T09:00:00+01:00');
  });

  it('treats the end of an interval as closed (12:30 is lunch already)', () => {
    expect(openingStateAt(calendar(), at('2026-11-24T12:30')).open).toBe(false);
    expect(openingStateAt(calendar(), at('2026-11-24T12:29')).open).toBe(true);
  });

  it('is closed during a closure, naming it, and reopens after it', () => {
    const state = openingStateAt(
      calendar({ closures: [{ id: 'c1', from: '2026-12-24', to: '2026-12-31', label: 'Congés de Noël' }] }),
      at('2026-12-28T10:00'),
    );
    expect(state).toMatchObject({ open: false, reason: 'closure', closureLabel: 'Congés de Noël' });
    expect(!state.open && iso(state.nextOpening!)).toBe('2027-01-01T09:00:00+01:00');
  });

  it('is closed on a public holiday when the firm says so, open otherwise', () => {
    const holiday = (d: string) => d === '2026-11-11';
    expect(openingStateAt(calendar(), at('2026-11-11T10:00'), holiday)).toMatchObject({
      open: false,
      reason: 'public-holiday',
    });
    expect(openingStateAt(calendar({ closedOnPublicHolidays: false }), at('2026-11-11T10:00'), holiday).open).toBe(
      true,
    );
  });

  it('evaluates hours in the firm’s zone, not the machine’s', () => {
    const martinique = calendar({ timeZone: 'America/Martinique' });
    // 14:30 in Paris is 09:30 in Martinique (UTC-4, no DST): open there.
    expect(openingStateAt(martinique, at('2026-11-24T14:30')).open).toBe(true);
    // 10:00 in Paris is 05:00 in Martinique: closed.
    expect(openingStateAt(martinique, at('2026-11-24T10:00')).open).toBe(false);
  });

  it('counts wall-clock hours on the spring-forward day (29 March 2026)', () => {
    const week = emptyWeek();
    week[7] = [{ start: '01:00', end: '04:00' }];
    const state = openingStateAt(calendar({ weeklyHours: week }), at('2026-03-29T01:30'));
    expect(state.open).toBe(true);
    // 01:00–04:00 wall clock lasts two real hours that day: 02:00 does not exist.
    expect(state.open && iso(state.until)).toBe('2026-03-29T04:00:00+02:00');
    expect(state.open && (state.until - at('2026-03-29T01:00')) / 3_600_000).toBe(2);
  });

  it('counts wall-clock hours on the fall-back day (25 October 2026)', () => {
    const week = emptyWeek();
    week[7] = [{ start: '01:00', end: '04:00' }];
    const state = openingStateAt(calendar({ weeklyHours: week }), at('2026-10-25T01:30'));
    expect(state.open && (state.until - at('2026-10-25T01:00')) / 3_600_000).toBe(4);
  });

  it('joins an interval ending at 24:00 with one starting at 00:00 the next day', () => {
    const week = emptyWeek();
    week[1] = [{ start: '20:00', end: '24:00' }];
    week[2] = [{ start: '00:00', end: '08:00' }];
    const state = openingStateAt(calendar({ weeklyHours: week }), at('2026-11-23T22:00'));
    expect(state.open && iso(state.until)).toBe('2026-11-24T08:00:00+01:00');
  });

  it('says "never" for a firm without any opening hours instead of looping', () => {
    expect(openingStateAt(calendar({ weeklyHours: emptyWeek() }), at('2026-11-24T10:00'))).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpening: null,
    });
  });
});
