/** The lint rule that keeps each folder to its own runtime actually fires. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId ?? '');
}

describe('import boundaries', () => {
  it.each([
    ['renderer/features/x.tsx', "import { readFileSync } from 'node:fs';"],
    ['renderer/features/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/features/x.tsx', "import { createCore } from '../../electron/core/create-core';"],
    ['shared/x.ts', "import path from 'path';"],
    ['shared/x.ts', "import { App } from '../renderer/app/App';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/devserver/x.ts', "import { BrowserWindow } from 'electron';"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['electron/app/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['electron/core/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/features/x.tsx', "import { calls } from '../../shared/contract';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await errorsFor(file, code)).not.toContain('no-restricted-imports');
  });
});
