/**
 * Item 8: garbage where CMS should be, truncated base64, absurd ASN.1 lengths, deep MIME nesting,
 * and oversize input each give a verdict of 'error' with a reason: never a throw, never a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapBase64 } from './mime/canonical';
import { MIME_LIMITS, readEntity } from './mime/raw-entity';
import { decodeBody } from './mime/transfer-encoding';
import { message, multipart, part } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

const HEADERS = ['From: alice@example.test', 'To: carol@example.test', 'Subject: bad'];
const content = part(['Content-Type: text/plain'], 'Some text.');

function withSignature(body: string): Buffer {
  const signature = part(['Content-Type: application/pkcs7-signature', 'Content-Transfer-Encoding: base64'], body);
  return message(HEADERS, multipart('signed', [content, signature], { extraParams: '; protocol="application/pkcs7-signature"' }));
}

async function expectError(raw: Buffer, reason: RegExp): Promise<void> {
  const started = Date.now();
  const result = await f.read(raw);
  expect(result.verdict.signature.status).toBe('error');
  expect(result.verdict.signature.reason).toMatch(reason);
  expect(Date.now() - started).toBeLessThan(5_000);
}

describe('a hostile or broken message', () => {
  it('gives error for garbage where the CMS should be', async () => {
    await expectError(withSignature(wrapBase64(Buffer.from('this is not a signature at all, just text'))), /could not be read/);
  });

  it('gives error for truncated base64', async () => {
    const good = decodeBody(readEntity(f.signedMessage(f.alice, 'x')).parts[1]!);
    await expectError(withSignature(good.toString('base64').slice(0, 301)), /truncated/);
  });

  it('gives error for a signature cut in half', async () => {
    const good = decodeBody(readEntity(f.signedMessage(f.alice, 'x')).parts[1]!);
    await expectError(withSignature(wrapBase64(good.subarray(0, good.length >> 1))), /could not be read/);
  });

  it('gives error for absurd ASN.1 lengths', async () => {
    // SEQUENCE claiming 2^56 bytes of content.
    const absurd = Buffer.from([0x30, 0x88, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x01, 0x00]);
    await expectError(withSignature(wrapBase64(absurd)), /could not be read/);
  });

  it('gives error for deeply nested ASN.1', async () => {
    // Indefinite-length SEQUENCEs 20 000 deep around a NULL: valid BER, hostile depth.
    const depth = 20_000;
    const nested = Buffer.concat([Buffer.alloc(depth * 2, Buffer.from([0x30, 0x80])), Buffer.from([0x05, 0x00]), Buffer.alloc(depth * 2, 0)]);
    await expectError(withSignature(wrapBase64(nested)), /could not be read/);
  });

  it('gives error for MIME nested deeper than the limit, in bounded time', async () => {
    let entity = content;
    for (let i = 0; i < MIME_LIMITS.maxDepth + 5; i++) entity = multipart('mixed', [entity], { boundary: `n${i}` });
    await expectError(message(HEADERS, entity), /nested more than/);
  });

  it('gives error for a part with two Content-Type fields, which readers could split differently', async () => {
    const signed = f.signedMessage(f.alice, 'x').toString('latin1');
    const doubled = signed.replace('Content-Type: multipart/signed', 'Content-Type: text/plain\r\nContent-Type: multipart/signed');
    await expectError(Buffer.from(doubled, 'latin1'), /more than one content-type/);
  });

  it('gives error for more parts than the limit', async () => {
    const many = Array.from({ length: MIME_LIMITS.maxParts + 10 }, () => content);
    await expectError(message(HEADERS, multipart('mixed', many)), /more than 2000 parts/);
  });

  it('gives error for a multipart/signed without its signature part', async () => {
    await expectError(message(HEADERS, multipart('signed', [content], { extraParams: '; protocol="application/pkcs7-signature"' })), /exactly two parts/);
  });

  it('gives error for an opaque S/MIME part full of garbage', async () => {
    const opaque = part(['Content-Type: application/pkcs7-mime; smime-type=signed-data', 'Content-Transfer-Encoding: base64'], wrapBase64(Buffer.alloc(600, 0x41)));
    await expectError(message(HEADERS, opaque), /could not be read/);
  });

  it('gives error for a message larger than the limit', async () => {
    const huge = Buffer.alloc(MIME_LIMITS.maxBytes + 1, 0x41);
    await expectError(Buffer.concat([Buffer.from('From: alice@example.test\r\n\r\n'), huge]), /larger than/);
  });

  it('gives an encryption error for garbage in an enveloped part', async () => {
    const enveloped = part(['Content-Type: application/pkcs7-mime; smime-type=enveloped-data', 'Content-Transfer-Encoding: base64'], wrapBase64(Buffer.from('garbage garbage garbage')));
    const result = await f.read(message(HEADERS, enveloped));
    expect(result.verdict.encryption.status).toBe('error');
    expect(result.verdict.encryption.reason).toMatch(/could not be read/);
  });
});
