/**
 * Issue 14 item 5(a), after Thunderbird's "future" cases (mailnews/test/data/smime,
 * test_smime_decrypt.js): NSS verifies the signer certificate at the claimed signingTime, so a
 * signature that says it was made after the certificate's notAfter, or before its notBefore, is not
 * good even when judged at a time the certificate holds. Sealmail reports 'expired', naming the
 * claimed time; a claimed time inside the validity stays valid.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textEntity, withMessageHeaders } from './mime/compose-entity';
import { signEntity } from './sign-entity';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import { openssl } from './testing/test-pki';

const DAY = 24 * 60 * 60 * 1000;
let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 60_000);
afterAll(() => f.cleanup());

/** A message from alice whose signingTime attribute is `signedAt` (Sealmail's signer, with that clock). */
function signedClaiming(signedAt: Date): Buffer {
  const entity = signEntity(textEntity('Signed at a claimed time.'), f.signer(f.alice), { now: () => signedAt });
  return withMessageHeaders(entity, { from: f.alice.email, to: ['carol@example.test'], subject: 'Claimed time', date: signedAt });
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const validFrom = () => new Date(f.alice.certificate.x509.validFrom);
const validTo = () => new Date(f.alice.certificate.x509.validTo);

it('is expired when the signature claims a time after the certificate expired, judged while it holds', async () => {
  const claimed = new Date(validTo().getTime() + 30 * DAY);
  const result = await f.read(signedClaiming(claimed), { at: new Date(f.now.getTime() + DAY) });
  expect(result.verdict.signature).toMatchObject({ status: 'expired', signer: { email: f.alice.email, validation: 'expired' } });
  expect(result.verdict.signature.reason).toBe(
    `The signature claims it was made on ${day(claimed)}, when the signer's certificate was not in force (valid ${day(validFrom())} to ${day(validTo())}).`);
});

it('is expired when the signature claims a time before the certificate was issued', async () => {
  const claimed = new Date(validFrom().getTime() - 10 * DAY);
  const result = await f.read(signedClaiming(claimed), { at: new Date(f.now.getTime() + DAY) });
  expect(result.verdict.signature.status).toBe('expired');
  expect(result.verdict.signature.reason).toContain(`claims it was made on ${day(claimed)}`);
});

it('is expired for openssl cms signing now with a certificate that becomes valid only later', async () => {
  const from = new Date(Date.now() + 2 * DAY);
  const later = f.pki.issue(f.ca, 'later@example.test', { validity: { from, to: new Date(from.getTime() + 30 * DAY) } });
  const input = f.pki.path('later.txt');
  writeFileSync(input, 'Content-Type: text/plain; charset=utf-8\r\n\r\nSigned before my certificate began.\r\n');
  const signed = openssl(['cms', '-sign', '-in', input, '-signer', later.certPath, '-inkey', later.keyPath, '-md', 'sha256', '-crlfeol']);
  const raw = Buffer.concat([Buffer.from(`From: ${later.email}\r\nTo: carol@example.test\r\nSubject: early\r\n`), signed]);
  // Judged inside the certificate's validity, where the chain holds: only the claimed time is wrong.
  const result = await f.read(raw, { at: new Date(from.getTime() + 10 * DAY) });
  expect(result.verdict.signature.status).toBe('expired');
  expect(result.verdict.signature.reason).toContain(`claims it was made on ${day(new Date())}`);
});

it('stays valid when the claimed time lies inside the validity', async () => {
  const result = await f.read(signedClaiming(new Date(f.now.getTime() + 100 * DAY)), { at: new Date(f.now.getTime() + DAY) });
  expect(result.verdict.signature).toMatchObject({ status: 'valid', reason: null });
});

it('stays valid when the claimed time is only a clock skew of minutes before the certificate began', async () => {
  const result = await f.read(signedClaiming(new Date(validFrom().getTime() - 2 * 60 * 1000)), { at: new Date(f.now.getTime() + DAY) });
  expect(result.verdict.signature.status).toBe('valid');
});
