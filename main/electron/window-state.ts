import fs from 'node:fs';
import path from 'node:path';

/** Size, position and maximised flag of the main window, kept in userData between runs. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN = { width: 900, height: 600 };
export const WINDOW_STATE_FILE = 'window-state.json';

/**
 * Where the window opens: the saved bounds if they still land on a connected display, clamped into that display's
 * work area (a laptop unplugged from its big screen must not open off-screen or larger than the screen);
 * otherwise the default size, centred by the OS.
 */
export function restoreWindowState(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const base = saved ?? DEFAULT_WINDOW_STATE;
  const primary = workAreas[0];
  if (saved?.x === undefined || saved.y === undefined) return clampSize(base, primary);
  const rect: Rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  const area = bestOverlap(rect, workAreas);
  if (!area) return clampSize({ width: base.width, height: base.height, maximized: base.maximized }, primary);
  const width = Math.min(rect.width, area.width);
  const height = Math.min(rect.height, area.height);
  return {
    x: clamp(rect.x, area.x, area.x + area.width - width),
    y: clamp(rect.y, area.y, area.y + area.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

function bestOverlap(rect: Rect, areas: readonly Rect[]): Rect | null {
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of areas) {
    const w = Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x);
    const h = Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y);
    // A sliver (a title bar's worth) is not "on the display": the user could not grab it.
    if (w >= 100 && h >= 50 && w * h > bestArea) {
      best = area;
      bestArea = w * h;
    }
  }
  return best;
}

function clampSize(state: WindowState, area: Rect | undefined): WindowState {
  const result: WindowState = { width: state.width, height: state.height, maximized: state.maximized };
  if (!area) return result;
  result.width = Math.min(state.width, area.width);
  result.height = Math.min(state.height, area.height);
  return result;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/** Reads the saved state; a missing or corrupt file simply means "use the defaults". */
export function loadWindowState(dir: string): WindowState | null {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8')) as Partial<WindowState>;
    if (!isSize(raw.width, MIN.width) || !isSize(raw.height, MIN.height)) return null;
    const state: WindowState = { width: raw.width, height: raw.height, maximized: raw.maximized === true };
    if (Number.isInteger(raw.x) && Number.isInteger(raw.y)) {
      state.x = raw.x;
      state.y = raw.y;
    }
    return state;
  } catch {
    return null;
  }
}

function isSize(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 20_000;
}

export function saveWindowState(dir: string, state: WindowState): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, WINDOW_STATE_FILE);
  // Write then rename, so a crash mid-write leaves the previous state rather than half a JSON file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
  fs.renameSync(`${file}.tmp`, file);
}

export const WINDOW_MIN_SIZE = MIN;
