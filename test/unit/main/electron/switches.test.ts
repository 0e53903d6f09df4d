import { appendSoftphoneSwitches } from '../../../../main/electron/switches';
import { app, resetFakeElectron } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

beforeEach(() => resetFakeElectron());

describe('Chromium switches', () => {
  it('keeps timers and the renderer running in the background and lets the ringtone autoplay', () => {
    appendSoftphoneSwitches(app as never);
    const calls = app.commandLine.appendSwitch.mock.calls;
    expect(calls).toContainEqual(['disable-background-timer-throttling']);
    expect(calls).toContainEqual(['disable-renderer-backgrounding']);
    expect(calls).toContainEqual(['disable-backgrounding-occluded-windows']);
    expect(calls).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
  });
});
