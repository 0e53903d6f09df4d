import { emptyWeek, type HoursInterval } from '../../../shared/domain/firm/hours';
import { openingStateAt } from '../../../shared/domain/firm/opening';

/** A night permanence on Sundays in Paris, evaluated on the two DST nights of 2026. */
function sundays(interval: HoursInterval) {
  const week = emptyWeek();
  week[7] = [interval];
  return { timeZone: 'Europe/Paris', weeklyHours: week, closures: [], closedOnPublicHolidays: false };
}

describe('opening hours whose boundary falls in a DST change', () => {
  it('closes at the spring-forward jump when the closing time (02:30) does not exist, not an hour later', () => {
    // 29 March 2026: 02:00 CET (01:00Z) becomes 03:00 CEST; the clock is past 02:30 from 01:00Z on.
    const state = openingStateAt(sundays({ start: '00:00', end: '02:30' }), Date.UTC(2026, 2, 29, 0, 0));
    expect(state).toEqual({ open: true, until: Date.UTC(2026, 2, 29, 1, 0) });
  });

  it('opens at the spring-forward jump when the opening time (02:30) does not exist', () => {
    const state = openingStateAt(sundays({ start: '02:30', end: '06:00' }), Date.UTC(2026, 2, 28, 23, 0));
    expect(state).toMatchObject({ open: false, nextOpening: Date.UTC(2026, 2, 29, 1, 0) });
  });

  it('opens at the first 02:30 and closes at the second one on the fall-back night', () => {
    // 25 October 2026: 02:30 CEST is 00:30Z, 02:30 CET is 01:30Z.
    const closing = openingStateAt(sundays({ start: '00:00', end: '02:30' }), Date.UTC(2026, 9, 24, 23, 0));
    expect(closing).toEqual({ open: true, until: Date.UTC(2026, 9, 25, 1, 30) });
    const opening = openingStateAt(sundays({ start: '02:30', end: '05:00' }), Date.UTC(2026, 9, 24, 23, 0));
    expect(opening).toMatchObject({ open: false, nextOpening: Date.UTC(2026, 9, 25, 0, 30) });
  });
});
