/**
 * Item 5, sender confusion: the signer's certificate must name the one From mailbox's addr-spec.
 * A display name holding another address, an empty, missing or repeated From, several mailboxes,
 * or a Sender field naming the signer: all 'address-mismatch', never 'valid'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityOf, message } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
let byAlice: Buffer;
beforeAll(() => {
  f = createSmimeFixture();
  byAlice = entityOf(f.signedMessage(f.alice, 'Signed by alice.'));
}, 120_000);
afterAll(() => f.cleanup());

const read = (headers: string[]) => f.read(message([...headers, 'To: carol@example.test', 'Subject: who'], byAlice));

describe('the sender of a message signed by alice', () => {
  it('is valid when From is alice, whatever her display name', async () => {
    const result = await read(['From: "Alice Liddell" <ALICE@example.test>']);
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { email: 'alice@example.test' } });
    expect(result.from).toEqual({ name: 'Alice Liddell', address: 'ALICE@example.test' });
  });

  it('is a mismatch when the display name holds alice but the address is mallory', async () => {
    const result = await read(['From: "alice@example.test" <mallory@evil.test>']);
    expect(result.verdict.signature.status).toBe('address-mismatch');
    expect(result.verdict.signature.reason).toContain('mallory@evil.test');
  });

  it('is a mismatch when an encoded display name spells alice\'s address', async () => {
    const result = await read([`From: =?utf-8?b?${Buffer.from('alice@example.test').toString('base64')}?= <mallory@evil.test>`]);
    expect(result.verdict.signature.status).toBe('address-mismatch');
  });

  it('is a mismatch when a comment holds alice', async () => {
    const result = await read(['From: mallory@evil.test (alice@example.test)']);
    expect(result.verdict.signature.status).toBe('address-mismatch');
  });

  it('is a mismatch when From is empty', async () => {
    const result = await read(['From: ']);
    expect(result.verdict.signature.status).toBe('address-mismatch');
    expect(result.verdict.signature.reason).toMatch(/empty/);
  });

  it('is a mismatch when From is missing', async () => {
    const result = await read([]);
    expect(result.verdict.signature.status).toBe('address-mismatch');
    expect(result.verdict.signature.reason).toMatch(/no From/);
  });

  it('is a mismatch when there are several From fields', async () => {
    const result = await read(['From: alice@example.test', 'From: mallory@evil.test']);
    expect(result.verdict.signature.status).toBe('address-mismatch');
    expect(result.verdict.signature.reason).toMatch(/2 From fields/);
  });

  it('is a mismatch when From names several mailboxes', async () => {
    const result = await read(['From: alice@example.test, mallory@evil.test']);
    expect(result.verdict.signature.status).toBe('address-mismatch');
  });

  it('is a mismatch when only Sender is alice and From is mallory', async () => {
    const result = await read(['From: mallory@evil.test', 'Sender: alice@example.test']);
    expect(result.verdict.signature.status).toBe('address-mismatch');
  });

  it('stays valid when Sender names someone else but From is alice', async () => {
    const result = await read(['From: alice@example.test', 'Sender: assistant@example.test']);
    expect(result.verdict.signature.status).toBe('valid');
  });
});
