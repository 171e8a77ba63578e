import { describe, expect, it } from 'vitest';
import { createMainWindowOptions } from './window-options';

describe('main window options', () => {
  const options = createMainWindowOptions('/app/out/electron/preload/preload.cjs');
  const web = options.webPreferences ?? {};

  it('isolate, sandbox and strip Node from every renderer context', () => {
    expect(web).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('use the given preload and stay hidden until painted', () => {
    expect(web.preload).toBe('/app/out/electron/preload/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('open at 1200x800 and never shrink below 800x500', () => {
    expect(options).toMatchObject({ width: 1200, height: 800, minWidth: 800, minHeight: 500 });
  });
});
