import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  restoreWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../../../main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state restore', () => {
  it('reopens where it was when that place is still on a display', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(restoreWindowState(saved, [laptop, external])).toEqual(saved);
  });

  it('drops the position when the display it was on is gone, and fits the size to the screen left', () => {
    const saved = { x: 1600, y: 100, width: 2000, height: 1200, maximized: true };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1440, height: 860, maximized: true });
  });

  it('clamps a window hanging off the edge back inside the display', () => {
    const restored = restoreWindowState({ x: 1300, y: 700, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(restored).toEqual({ x: 440, y: 160, width: 1000, height: 700, maximized: false });
  });

  it('does not count a sliver on screen as being on the display', () => {
    const restored = restoreWindowState({ x: 1420, y: 10, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(restored.x).toBeUndefined();
  });

  it('uses the defaults, fitted to the screen, when nothing was saved', () => {
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 1024, height: 740 }])).toEqual({
      width: 1024,
      height: 740,
      maximized: false,
    });
    expect(restoreWindowState(null, [])).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('window state file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-wstate-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips through userData', () => {
    const state = { x: 12, y: 34, width: 1100, height: 700, maximized: true };
    saveWindowState(dir, state);
    expect(loadWindowState(dir)).toEqual(state);
  });

  it('ignores a corrupt or absurd file instead of failing to start', () => {
    expect(loadWindowState(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"width": 1100, "hei');
    expect(loadWindowState(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), JSON.stringify({ width: 5, height: 1e9 }));
    expect(loadWindowState(dir)).toBeNull();
  });
});
