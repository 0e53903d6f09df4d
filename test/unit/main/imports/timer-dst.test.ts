import { setupFirm } from '../timesheets/support';

describe('the timer across daylight-saving changes', () => {
  it.each([
    // 01:30 CET → 03:30 CEST on 29 March 2026: two hours on the clock, one hour of work.
    ['spring-forward', Date.UTC(2026, 2, 29, 0, 30), 3600],
    // 01:30 CEST → 01:30 CET on 25 October 2026: the same reading on the clock, one hour of work.
    ['fall-back', Date.UTC(2026, 9, 24, 23, 30), 3600],
  ])('counts the real elapsed time over the %s night', async (_night, start, seconds) => {
    const { t, firm, clock } = setupFirm();
    clock.now = start;
    await t.client.timesheets.startTimer({ firmId: firm.id, label: 'Permanence de nuit', note: '' });
    clock.now = start + seconds * 1000;
    const { entry } = await t.client.timesheets.stopTimer({});
    expect(entry).toMatchObject({ source: 'timer', startedAt: start, durationSeconds: seconds });
    t.close();
  });
});
