/**
 * Before any certificate is imported there is no keystore file at all. The real keystore then
 * answers "locked", but the composer must say to import a certificate, as core/create-core.ts wires it.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { keystoreOrNone } from '../keystore/keystore-or-none';
import { KEYSTORE_FILE_NAME, KeystoreService } from '../keystore/keystore-service';
import { ComposeReadinessService } from './compose-readiness';

const accounts = { get: async () => ({ id: 'a', address: 'alice@example.test', displayName: '', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) };
const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

it('tells a user without a keystore to import a certificate, not to unlock one, and creates nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sealmail-no-keystore-'));
  dirs.push(dir);
  const keystore = new KeystoreService({ path: join(dir, KEYSTORE_FILE_NAME) });
  const readiness = await new ComposeReadinessService(accounts, { canProtect: true, keystore: keystoreOrNone(keystore) }).check('a', ['bob@example.test']);
  expect(readiness.sign).toEqual({ available: false, reason: expect.stringMatching(/no certificate for alice@example.test yet; import one under Certificates/) });
  expect(readiness.encrypt.available).toBe(false);
  expect(readiness.sign.reason).not.toMatch(/locked/);
  expect(await readdir(dir)).toEqual([]);
});

it('still says to unlock when a keystore exists but is locked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sealmail-locked-keystore-'));
  dirs.push(dir);
  await new KeystoreService({ path: join(dir, KEYSTORE_FILE_NAME) }).create('a passphrase long enough');
  const keystore = new KeystoreService({ path: join(dir, KEYSTORE_FILE_NAME) });
  const readiness = await new ComposeReadinessService(accounts, { canProtect: true, keystore: keystoreOrNone(keystore) }).check('a', []);
  expect(readiness.sign.reason).toMatch(/locked; unlock them under Certificates/);
});
