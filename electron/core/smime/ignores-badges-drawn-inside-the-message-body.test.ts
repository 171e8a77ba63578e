/**
 * Item 5, UI redressing: the verdict depends on the structure and the signature, never on what the
 * body says. A body that draws its own "signed" badge changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, part } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

const BADGE = '<div style="background:green;color:white">&#10004; Signed by alice@example.test &mdash; valid signature (S/MIME)</div>';
const HEADERS = ['From: alice@example.test', 'To: carol@example.test', 'Subject: badge'];

describe('a fake badge in the body', () => {
  it('leaves an unsigned message unsigned', async () => {
    const result = await f.read(message(HEADERS, part(['Content-Type: text/html; charset=utf-8'], BADGE)));
    expect(result.verdict.signature).toEqual({ status: 'none', signer: null, reason: null, details: null });
  });

  it('leaves a message claiming S/MIME in its headers but not signed unsigned', async () => {
    const result = await f.read(message([...HEADERS, 'X-Sealmail-Signature: valid'], part(['Content-Type: text/plain', 'Content-Description: S/MIME signed'], 'Verified signature.')));
    expect(result.verdict.signature.status).toBe('none');
  });

  it('does not change the verdict of a signed message with a mismatched sender', async () => {
    const withBadge = f.signedMessage(f.bob, `${BADGE}\nSigned by alice.`, { from: 'alice@example.test' });
    const without = f.signedMessage(f.bob, 'Plain.', { from: 'alice@example.test' });
    const [a, b] = await Promise.all([f.read(withBadge), f.read(without)]);
    expect(a.verdict.signature.status).toBe('address-mismatch');
    expect({ ...a.verdict.signature, details: null }).toEqual({ ...b.verdict.signature, details: null });
  });
});
