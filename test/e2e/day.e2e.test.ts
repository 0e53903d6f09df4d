import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { DayDriver, summarise, type DayResult } from './support/day-driver';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

describe.runIf(enabled)('a secretary’s day, keyboard only, at 1280×720 in French', () => {
  let driver: DayDriver;
  let day: DayResult;
  beforeAll(async () => {
    driver = new DayDriver();
    await driver.start();
    day = await driver.run();
  }, 900_000);
  afterAll(async () => {
    await driver?.stop();
  });

  it('answers every call with no more keys than: answer, one per script step, send, hang up, back to idle', () => {
    const over = day.calls.filter((c) => c.keys > c.allowed);
    expect(
      over.map(
        (c) => `call ${c.index + 1} (${c.firm}, ${c.kind}): ${c.keys} keys > ${c.allowed}: ${c.keyLog.join(' ')}`,
      ),
    ).toEqual([]);
    expect(day.calls).toHaveLength(40);
    expect(day.calls.filter((c) => c.kind === 'message')).toHaveLength(25);
    expect(day.calls.filter((c) => c.kind === 'transfer')).toHaveLength(5);
    const { max, mean } = summarise(day.calls);
    console.info(
      `day: ${day.calls.length} calls, keys per call max ${max}, mean ${mean.toFixed(2)}, ${day.wallTimeSeconds.toFixed(0)} s`,
    );
  });

  it('delivers the 25 messages to the SMTP server', () => {
    expect(day.delivered).toBe(25);
  });

  it('logs the 10 manual tasks and exports the month', () => {
    expect(day.tasks).toBe(10);
    expect(day.exportedFiles).toBeGreaterThan(0);
  });

  it('saved a screenshot of every screen it passed', () => {
    expect(day.screenshots.length).toBeGreaterThanOrEqual(12);
  });
});
