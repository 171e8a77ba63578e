/**
 * Remembers the main window's size and position in a small JSON file of the profile. What is
 * read back is validated and moved onto a display that exists now: a monitor unplugged since
 * the last run must not leave the window off-screen. A missing or damaged file simply means the
 * default size; it is never fatal, since nothing of the user's is in it.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/storage/atomic-write';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the OS place the window. */
  bounds: Partial<Pick<Bounds, 'x' | 'y'>> & Pick<Bounds, 'width' | 'height'>;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 500 } as const;

/** How much of the title bar must be on a display for the user to grab it. */
const MIN_VISIBLE = 100;

/**
 * Reads the saved state and fits it onto `workAreas` (the displays' usable rectangles).
 * Returns the default size, placed by the OS, when there is nothing usable to read.
 */
export async function loadWindowState(filePath: string, workAreas: readonly Bounds[]): Promise<WindowState> {
  let saved: unknown;
  try {
    saved = JSON.parse(await readFile(filePath, 'utf8'));
  } catch {
    return defaultState();
  }
  return fitWindowState(saved, workAreas);
}

/** Validates a saved state (anything JSON) and moves it onto a visible display. */
export function fitWindowState(saved: unknown, workAreas: readonly Bounds[]): WindowState {
  if (!isSavedState(saved)) return defaultState();
  const { x, y, maximized } = saved;
  const largest = workAreas.reduce<Bounds | null>((best, area) => (best && best.width * best.height >= area.width * area.height ? best : area), null);
  // No display known: keep the size, let the OS place it.
  if (!largest) return { bounds: clampSize(saved, null), maximized };
  const area = workAreas.find((candidate) => titleBarVisibleOn({ x, y, width: saved.width }, candidate)) ?? null;
  if (!area) {
    // Its display is gone: same size, centred on the largest display there is.
    const size = clampSize(saved, largest);
    return {
      bounds: { ...size, x: largest.x + Math.round((largest.width - size.width) / 2), y: largest.y + Math.round((largest.height - size.height) / 2) },
      maximized,
    };
  }
  const size = clampSize(saved, area);
  return {
    bounds: {
      ...size,
      x: Math.min(Math.max(x, area.x - size.width + MIN_VISIBLE), area.x + area.width - MIN_VISIBLE),
      y: Math.min(Math.max(y, area.y), area.y + area.height - MIN_VISIBLE),
    },
    maximized,
  };
}

/** Writes the state atomically: a crash mid-write leaves the previous file, never half of one. */
export async function saveWindowState(filePath: string, state: { bounds: Bounds; maximized: boolean }): Promise<void> {
  const { x, y, width, height } = state.bounds;
  const file = { version: 1, x, y, width, height, maximized: state.maximized };
  await writeFileAtomic(filePath, `${JSON.stringify(file)}\n`, 0o600);
}

/** The part of a BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Bounds;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's state a moment after it stops moving or resizing, and at once when it
 * closes. Uses the normal (unmaximised) bounds, so un-maximising next time restores them.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: { bounds: Bounds; maximized: boolean }) => Promise<void>,
  delayMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const saveNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    void save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }).catch(() => undefined);
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveNow, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, saveSoon);
  window.on('close', saveNow);
}

function defaultState(): WindowState {
  return { bounds: { ...DEFAULT_SIZE }, maximized: false };
}

interface SavedState extends Bounds {
  maximized: boolean;
}

function isSavedState(value: unknown): value is SavedState {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const isInt = (n: unknown, min: number, max: number) => Number.isSafeInteger(n) && (n as number) >= min && (n as number) <= max;
  return (
    record.version === 1 &&
    isInt(record.x, -100_000, 100_000) &&
    isInt(record.y, -100_000, 100_000) &&
    isInt(record.width, 1, 100_000) &&
    isInt(record.height, 1, 100_000) &&
    typeof record.maximized === 'boolean'
  );
}

function titleBarVisibleOn(window: { x: number; y: number; width: number }, area: Bounds): boolean {
  const left = Math.max(window.x, area.x);
  const right = Math.min(window.x + window.width, area.x + area.width);
  return right - left >= MIN_VISIBLE && window.y >= area.y && window.y < area.y + area.height - MIN_VISIBLE / 2;
}

function clampSize(size: { width: number; height: number }, area: Bounds | null): { width: number; height: number } {
  const maxWidth = area ? Math.max(MIN_SIZE.width, area.width) : 100_000;
  const maxHeight = area ? Math.max(MIN_SIZE.height, area.height) : 100_000;
  return {
    width: Math.min(Math.max(size.width, MIN_SIZE.width), maxWidth),
    height: Math.min(Math.max(size.height, MIN_SIZE.height), maxHeight),
  };
}
