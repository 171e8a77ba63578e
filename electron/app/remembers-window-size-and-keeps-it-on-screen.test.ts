import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindowOptions } from './window-options';
import {
  fitWindowState,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  WINDOW_STATE_FILE_NAME,
  type Bounds,
} from './window-state';

const laptop: Bounds = { x: 0, y: 0, width: 1440, height: 900 };
const monitor: Bounds = { x: 1440, y: 0, width: 2560, height: 1440 };
const saved = (fields: Record<string, unknown>) => ({ version: 1, x: 100, y: 80, width: 1000, height: 700, maximized: false, ...fields });

describe('window state', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealmail-window-'));
    file = join(dir, WINDOW_STATE_FILE_NAME);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('comes back as it was saved, atomically written and leaving no temporary file', async () => {
    await saveWindowState(file, { bounds: { x: 1600, y: 40, width: 1300, height: 900 }, maximized: true });
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE_NAME]);
    await expect(loadWindowState(file, [laptop, monitor])).resolves.toEqual({
      bounds: { x: 1600, y: 40, width: 1300, height: 900 },
      maximized: true,
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, maximized: true });
  });

  it.each([
    ['no file', null],
    ['not JSON', '{ nope'],
    ['another shape', JSON.stringify({ bounds: [1, 2] })],
    ['a wrong version', JSON.stringify(saved({ version: 2 }))],
    ['non-integers', JSON.stringify(saved({ width: 'wide' }))],
    ['absurd numbers', JSON.stringify(saved({ x: 1e12 }))],
  ])('falls back to the default size, placed by the OS, with %s', async (_label, content) => {
    if (content !== null) await writeFile(file, content);
    await expect(loadWindowState(file, [laptop])).resolves.toEqual({ bounds: { width: 1200, height: 800 }, maximized: false });
  });

  it('moves a window whose monitor was unplugged onto a display that is there, centred', () => {
    const state = fitWindowState(saved({ x: 3000, y: 200, width: 1300, height: 800 }), [laptop]);
    expect(state.bounds).toEqual({ x: 70, y: 50, width: 1300, height: 800 });
  });

  it('shrinks a window larger than its display, and never below the minimum size', () => {
    expect(fitWindowState(saved({ x: 0, y: 0, width: 3000, height: 2000 }), [laptop]).bounds).toMatchObject({ width: 1440, height: 900 });
    expect(fitWindowState(saved({ width: 200, height: 100 }), [laptop]).bounds).toMatchObject({ width: 800, height: 500 });
  });

  it('pulls a half-off-screen window back until its title bar can be grabbed', () => {
    const { bounds } = fitWindowState(saved({ x: 1300, y: 850, width: 1000, height: 700 }), [laptop]);
    expect(bounds.x).toBeLessThanOrEqual(laptop.width - 100);
    expect(bounds.y).toBeLessThanOrEqual(laptop.height - 100);
    expect(bounds.y).toBeGreaterThanOrEqual(0);
  });

  it('keeps a window that is on a second display there', () => {
    expect(fitWindowState(saved({ x: 2000, y: 100 }), [laptop, monitor]).bounds).toEqual({ x: 2000, y: 100, width: 1000, height: 700 });
  });

  it('is passed to the window options, hardening untouched', () => {
    const options = createMainWindowOptions('/p.cjs', { x: 5, y: 6, width: 900, height: 600 });
    expect(options).toMatchObject({ x: 5, y: 6, width: 900, height: 600, minWidth: 800, minHeight: 500 });
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('is saved once the window stops moving, and at once when it closes', () => {
    vi.useFakeTimers();
    try {
      const window = Object.assign(new EventEmitter(), {
        getNormalBounds: () => ({ x: 1, y: 2, width: 1000, height: 700 }),
        isMaximized: () => false,
        isDestroyed: () => false,
      });
      const save = vi.fn(async () => undefined);
      trackWindowState(window, save, 500);
      window.emit('move');
      window.emit('resize');
      window.emit('move');
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(500);
      expect(save).toHaveBeenCalledExactlyOnceWith({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
      window.emit('resize');
      window.emit('close');
      expect(save).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1000);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
