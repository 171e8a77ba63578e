/**
 * The NSS interop tests need `certutil`, `pk12util` and `cmsutil` (libnss3-tools). Where they are
 * missing the tests must fail saying how to install them, never skip in silence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { NssDb } from './testing/nss-db';
import { TestPki } from './testing/test-pki';

const pki = new TestPki();
afterAll(() => pki.cleanup());

it('fails with the apt-get command when NSS tools are not on PATH', () => {
  const ca = pki.createCa('ca');
  const empty = mkdtempSync(join(tmpdir(), 'sealmail-no-nss-'));
  const path = process.env.PATH;
  process.env.PATH = empty;
  try {
    expect(() => new NssDb(ca)).toThrow(/not installed; run `apt-get install libnss3-tools`/);
  } finally {
    process.env.PATH = path;
    rmSync(empty, { recursive: true, force: true });
  }
});
