import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../core/keystore/testing/make-certificates';
import { runCli } from './run-cli';

let pki: TestPki;
let dir: string;
let soonPath: string;
let laterPath: string;
let soonDay: string;
const PASSPHRASE = 'a long keystore passphrase';

beforeAll(() => {
  pki = makeTestPki();
  dir = join(pki.dir, 'profile');
  const soon = pki.person({ name: 'soon', email: 'alice@example.test', days: 12 });
  soonDay = new Date(new X509Certificate(soon.certPem).validTo).toISOString().slice(0, 10);
  soonPath = join(pki.dir, 'soon.p12');
  writeFileSync(soonPath, pki.p12('soon-out', soon, { password: 'pw' }));
  laterPath = join(pki.dir, 'later.p12');
  writeFileSync(laterPath, pki.p12('later-out', pki.person({ name: 'later', email: 'alice@work.test', days: 90 }), { password: 'pw' }));
}, 60_000);
afterAll(() => pki.cleanup());

async function sealmail(args: string[]) {
  let stdout = '';
  const code = await runCli(args, { env: { SEALMAIL_PASSPHRASE: PASSPHRASE, SEALMAIL_P12_PASSWORD: 'pw' }, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } });
  return { code, stdout };
}

it('warns under your certificate 30 days before it expires, in text and JSON, and not before', async () => {
  expect((await sealmail(['keystore', 'import', soonPath, '--keystore', dir])).code).toBe(0);
  expect((await sealmail(['keystore', 'import', laterPath, '--keystore', dir])).code).toBe(0);

  const text = (await sealmail(['keystore', 'list', '--keystore', dir])).stdout;
  expect(text).toContain(`    warning: expires on ${soonDay}, in 12 days: renew it with your certificate authority\n`);
  expect(text.match(/warning:/g)).toHaveLength(1);

  const json = JSON.parse((await sealmail(['keystore', 'list', '--keystore', dir, '--json'])).stdout) as { identities: Record<string, unknown>[] };
  expect(json.identities.map((i) => [i.email, i.expiresSoon, i.expiresInDays, i.usableForSigning])).toEqual([
    ['alice@example.test', true, 12, true],
    ['alice@work.test', false, null, true],
  ]);
});
