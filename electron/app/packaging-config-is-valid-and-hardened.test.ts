import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The packaging configuration, checked without building: against electron-builder's own JSON
 * schema (the one it validates with before a build), then for what Sealmail needs of it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  protocols?: Array<{ schemes: string[] }>;
  linux?: { target?: string[]; icon?: string; category?: string; executableName?: string };
  mac?: { target?: string[]; icon?: string };
  win?: { target?: string[]; icon?: string };
  extraMetadata?: { desktopName?: string };
  files?: string[];
};

let config: Config;
let validate: ValidateFunction;

beforeAll(async () => {
  config = load(await readFile(join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as Config;
  const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  // The schema uses `typeof: "function"` for hooks given in JS configs; electron-builder's own
  // validator knows that keyword, so teach it to Ajv rather than ignore it.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (type: string, data: unknown) => typeof data === type });
  validate = ajv.compile(schema);
});

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function expectSquarePng(path: string, size: number): Promise<void> {
  expect(pngSize(await readFile(join(ROOT, path))), path).toEqual({ width: size, height: size });
}

describe('electron-builder configuration', () => {
  it("validates against electron-builder's schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail: a misspelt fuse or a bad target is refused', () => {
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } })).toBe(false);
    expect(validate({ ...config, linux: { desktop: { entry: 'Exec=evil' } } })).toBe(false);
  });

  it('sets every security fuse: no run-as-node, NODE_OPTIONS or --inspect; cookies encrypted; only an integrity-checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb for Linux, dmg for macOS, NSIS for Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('registers Sealmail as a mailto: handler, in a desktop entry the windows are linked to', () => {
    expect(config.protocols?.flatMap((protocol) => protocol.schemes)).toEqual(['mailto']);
    expect(config.linux?.category).toMatch(/(^|;)Email(;|$)/);
    expect(config.extraMetadata?.desktopName).toBe(`${config.linux?.executableName}.desktop`);
  });

  it('ships only the build output, and package.json points into it', async () => {
    expect(config.files).toContain('out/**');
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main).toMatch(/^out\//);
  });

  it('rebuilds native modules when packaging, never in an install script', async () => {
    expect(config.npmRebuild).toBe(true);
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(manifest.scripts[hook] ?? '', hook).not.toMatch(/rebuild|install-app-deps|electron-builder/);
    }
  });

  it('has icons of the sizes each platform asks for, rendered from build/icon.svg', async () => {
    expect(config.linux?.icon).toBe('build/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) await expectSquarePng(`build/icons/${size}x${size}.png`, size);
    // macOS wants 1024 px for its icns; Windows at least 256 px for its ico.
    expect(config.mac?.icon).toBe('build/icons/1024x1024.png');
    expect(config.win?.icon).toBe('build/icons/256x256.png');
    expect(await readFile(join(ROOT, 'build', 'icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
  });
});
