import { app, type BrowserWindow } from 'electron';

/**
 * On ring, the console must be in front of whatever the secretary was doing: she has a few seconds to read the
 * firm's greeting before picking up. Each OS resists focus stealing differently, hence the per-platform steps.
 */
export function bringToFront(win: BrowserWindow, platform: NodeJS.Platform = process.platform): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  if (platform === 'darwin') {
    // macOS only activates an app that asks to steal focus explicitly.
    app.focus({ steal: true });
  } else if (platform === 'win32') {
    // Windows refuses SetForegroundWindow from a background process; briefly topmost is the accepted workaround.
    win.setAlwaysOnTop(true);
    win.setAlwaysOnTop(false);
  }
  win.focus();
  if (platform !== 'darwin' && !win.isFocused()) {
    // When the window manager still refused, at least flash the taskbar entry until she looks at it.
    win.flashFrame(true);
    win.once('focus', () => win.flashFrame(false));
  }
}
