import { bringToFront } from '../../../../main/electron/focus';
import { clearIncomingCall, notifyIncomingCall } from '../../../../main/electron/notifications';
import { app, BrowserWindow, Notification, resetFakeElectron } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

beforeEach(() => resetFakeElectron());

function minimisedWindow(): BrowserWindow {
  const win = new BrowserWindow({});
  win.minimized = true;
  return win;
}

describe('focus on ring', () => {
  it('restores a minimised window, shows it and focuses it', () => {
    const win = minimisedWindow();
    bringToFront(win as never, 'linux');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.flashFrame).not.toHaveBeenCalled();
  });

  it('steals focus explicitly on macOS', () => {
    bringToFront(minimisedWindow() as never, 'darwin');
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
  });

  it('flashes the taskbar entry when the window manager refuses focus, until she looks', () => {
    const win = minimisedWindow();
    win.acceptsFocus = false;
    bringToFront(win as never, 'win32');
    expect(win.setAlwaysOnTop).toHaveBeenCalledWith(true);
    expect(win.setAlwaysOnTop).toHaveBeenLastCalledWith(false);
    expect(win.flashFrame).toHaveBeenCalledWith(true);
    win.emit('focus');
    expect(win.flashFrame).toHaveBeenLastCalledWith(false);
  });
});

describe('incoming call notification', () => {
  it('shows the firm and the caller, silently, and focuses the window when clicked', () => {
    const onClick = vi.fn();
    notifyIncomingCall({ firmName: 'Cabinet Martin', callerLabel: '01 42 00 00 01 — M. Durand' }, onClick);
    const notification = Notification.instances[0];
    expect(notification?.options).toMatchObject({
      title: 'Cabinet Martin',
      body: '01 42 00 00 01 — M. Durand',
      silent: true,
    });
    expect(notification?.show).toHaveBeenCalled();
    notification?.emit('click');
    expect(onClick).toHaveBeenCalled();
  });

  it('replaces the previous ring and clears it when the call is over', () => {
    notifyIncomingCall({ firmName: 'A', callerLabel: '1' }, vi.fn());
    notifyIncomingCall({ firmName: 'B', callerLabel: '2' }, vi.fn());
    expect(Notification.instances[0]?.close).toHaveBeenCalled();
    clearIncomingCall();
    expect(Notification.instances[1]?.close).toHaveBeenCalled();
  });

  it('does nothing where the OS has no notifications', () => {
    Notification.supported = false;
    expect(notifyIncomingCall({ firmName: 'A', callerLabel: '1' }, vi.fn())).toBeNull();
    expect(Notification.instances).toHaveLength(0);
  });
});
