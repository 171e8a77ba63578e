/**
 * Issue 14 item 5, NSS outward: what Sealmail signs, encrypts, and signs then encrypts, NSS's
 * `cmsutil -D` (the engine Thunderbird uses) decrypts and verifies as a good signature by a signer
 * it trusts through the test CA. Signatures for RSA (alice) and EC (bob). Encryption follows what
 * NSS's own signature advertises (no GCM, no OAEP), and is to RSA only: NSS 3.87 (Debian 12) reads
 * no KeyAgreeRecipientInfo at all, so a message with an EC recipient is one it cannot open.
 */
import { describe, expect, it } from 'vitest';
import type { RecipientCapabilities } from './cms/capabilities';
import { encryptEntity } from './encrypt-entity';
import { wrapBase64 } from './mime/canonical';
import { textEntity } from './mime/compose-entity';
import { readEntity } from './mime/raw-entity';
import { decodeBody } from './mime/transfer-encoding';
import { signEntity } from './sign-entity';
import { withNssPeer, type NssDb } from './testing/nss-db';
import type { SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
let nss: NssDb;
withNssPeer((peer) => ({ f, nss } = peer));

/** The DER inside an application/pkcs7-mime entity Sealmail wrote. */
const derOf = (entity: Buffer) => decodeBody(readEntity(entity));

/** What alice's NSS says it reads, taken from a signature cmsutil made, as Sealmail takes it from Thunderbird's mail. */
async function capabilitiesNssAdvertises(): Promise<RecipientCapabilities | null> {
  const content = textEntity('capabilities');
  const signature = nss.sign(content, f.alice.email, { detached: true });
  const raw = Buffer.from(`From: ${f.alice.email}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary=b\r\n\r\n--b\r\n${content.toString('latin1')}\r\n--b\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrapBase64(signature)}\r\n--b--\r\n`, 'latin1');
  const read = await f.read(raw);
  expect(read.verdict.signature.status).toBe('valid');
  return read.verdict.signature.details?.capabilities ?? null;
}

describe.each(['alice', 'bob'] as const)('signed by %s', (who) => {
  it('verifies as GoodSignature over the signed part', () => {
    const [content, signature] = readEntity(signEntity(textEntity(`Signed for NSS by ${who}, with ümlauts.`), f.signer(f[who]), f.clock)).parts;
    const decoded = nss.decode(decodeBody(signature!), content!.raw);
    // NSS names a signer by its certificate's common name, which is the local part here.
    expect(decoded.signers).toEqual([{ id: who, status: 'GoodSignature' }]);
  });

  it('is a DigestMismatch to NSS once the signed part was changed', () => {
    const [content, signature] = readEntity(signEntity(textEntity('The original.'), f.signer(f[who]), f.clock)).parts;
    const original = Buffer.from('The original.').toString('base64');
    const changed = Buffer.from(content!.raw.toString('latin1').replace(original, Buffer.from('The forgery.').toString('base64')), 'latin1');
    expect(changed.equals(content!.raw)).toBe(false);
    expect(nss.decode(decodeBody(signature!), changed).signers).toEqual([{ id: who, status: 'DigestMismatch' }]);
  });
});

it('decrypts what Sealmail encrypted with what NSS advertises, and gets the entity back', async () => {
  const capabilities = await capabilitiesNssAdvertises();
  const inner = textEntity('Sealed for NSS.');
  const { entity, algorithm } = encryptEntity(inner, [{ certificate: f.alice.certificate, capabilities }]);
  expect(algorithm).toBe('AES-256-CBC');
  const decoded = nss.decode(derOf(entity));
  expect(decoded.layers).toEqual(['envelopedData', 'data']);
  expect(decoded.content?.equals(inner)).toBe(true);
});

it('decrypts a signed-then-encrypted message, and the signature inside is good', async () => {
  const capabilities = await capabilitiesNssAdvertises();
  const signed = signEntity(textEntity('Signed and sealed for NSS.'), f.signer(f.alice), f.clock);
  const { entity } = encryptEntity(signed, [{ certificate: f.alice.certificate, capabilities }]);
  const decrypted = nss.decode(derOf(entity)).content!;
  const [content, signature] = readEntity(decrypted).parts;
  expect(decodeBody(content!).toString('utf8')).toBe('Signed and sealed for NSS.');
  expect(nss.decode(decodeBody(signature!), content!.raw).signers).toEqual([{ id: 'alice', status: 'GoodSignature' }]);
});
