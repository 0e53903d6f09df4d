import type { App } from 'electron';

/**
 * Chromium switches a softphone needs, appended before `ready`. `backgroundThrottling: false` alone does not keep
 * timers running in a minimised or occluded window (electron #17402): without these, sip.js misses its REGISTER
 * refresh and keep-alives and the line silently drops. Autoplay: the first ring of the day must be audible
 * without a prior click (Browser-Phone #577, #614).
 */
export const SOFTPHONE_SWITCHES: ReadonlyArray<readonly [name: string, value?: string]> = [
  ['disable-background-timer-throttling'],
  ['disable-renderer-backgrounding'],
  ['disable-backgrounding-occluded-windows'],
  ['autoplay-policy', 'no-user-gesture-required'],
];

export function appendSoftphoneSwitches(app: Pick<App, 'commandLine'>): void {
  for (const [name, value] of SOFTPHONE_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
}
