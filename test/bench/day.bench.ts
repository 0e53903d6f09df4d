import { DayDriver, summarise } from '../e2e/support/day-driver';

type Report = (name: string, value: number, unit: string) => void;

/**
 * The scripted day (test/e2e/day.e2e.test.ts) as figures: non-content keys per call (max, mean) and the day's wall
 * time, through the harness in Chromium (run under scripts/with-netns.sh, as `npm run bench` does).
 */
export async function run(report: Report): Promise<void> {
  const driver = new DayDriver({ screenshots: false });
  try {
    await driver.start();
    const day = await driver.run();
    const { max, mean } = summarise(day.calls);
    report('day.non_content_keys_per_call.max', max, 'keys');
    report('day.non_content_keys_per_call.mean', Math.round(mean * 100) / 100, 'keys');
    report('day.wall_time', Math.round(day.wallTimeSeconds), 's');
  } finally {
    await driver.stop();
  }
}
