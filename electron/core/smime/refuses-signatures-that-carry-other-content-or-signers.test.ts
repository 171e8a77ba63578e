/**
 * Item 5, CMS-level attacks: a detached signature whose CMS also carries content (eContent
 * confusion), several or no SignerInfos, a chain to an unknown root bearing the real CA's name, and
 * content changed after signing. None of them may show as valid.
 */
import { writeFileSync } from 'node:fs';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAsn1 } from './cms/asn1';
import { OID } from './cms/oids';
import { wrapBase64 } from './mime/canonical';
import { readEntity } from './mime/raw-entity';
import { decodeBody } from './mime/transfer-encoding';
import { message, multipart, part } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import { openssl } from './testing/test-pki';

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

const HEADERS = ['From: alice@example.test', 'To: carol@example.test', 'Subject: attack'];
const SHOWN = part(['Content-Type: text/plain'], 'Pay 1000 EUR to the attacker.');

function detached(content: Buffer, signatureDer: Buffer): Buffer {
  const signature = part(['Content-Type: application/pkcs7-signature', 'Content-Transfer-Encoding: base64'], wrapBase64(signatureDer));
  return message(HEADERS, multipart('signed', [content, signature], { extraParams: '; protocol="application/pkcs7-signature"; micalg=sha-256' }));
}

function signatureOf(signedMessage: Buffer): Buffer {
  return decodeBody(readEntity(signedMessage).parts[1]!);
}

function withSignerInfos(der: Buffer, change: (infos: pkijs.SignerInfo[]) => pkijs.SignerInfo[]): Buffer {
  const contentInfo = new pkijs.ContentInfo({ schema: decodeAsn1(der, 'test') });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  signedData.signerInfos = change(signedData.signerInfos);
  return Buffer.from(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER(false));
}

describe('a signature that is not what it seems', () => {
  it('is invalid when the detached signature also carries other content (eContent confusion)', async () => {
    const input = f.pki.path('econtent.txt');
    writeFileSync(input, 'Content-Type: text/plain\r\n\r\nHarmless signed text.\r\n');
    // alice really signed this, opaquely; the attacker moves it under other content.
    const opaque = openssl(['cms', '-sign', '-binary', '-nodetach', '-in', input, '-signer', f.alice.certPath, '-inkey', f.alice.keyPath, '-outform', 'DER']);
    const result = await f.read(detached(SHOWN, opaque));
    expect(result.verdict.signature.status).toBe('invalid');
    expect(result.verdict.signature.reason).toMatch(/carries content of its own/);
  });

  it('is invalid when it carries several signers', async () => {
    const content = part(['Content-Type: text/plain'], 'Signed twice.');
    const input = f.pki.path('two-signers.txt');
    writeFileSync(input, content);
    const der = openssl(['cms', '-sign', '-binary', '-in', input, '-signer', f.alice.certPath, '-inkey', f.alice.keyPath,
      '-signer', f.bob.certPath, '-inkey', f.bob.keyPath, '-outform', 'DER']);
    const result = await f.read(detached(content, der));
    expect(result.verdict.signature.status).toBe('invalid');
    expect(result.verdict.signature.reason).toMatch(/2 signers/);
  });

  it('is invalid when it carries no signer at all', async () => {
    const signed = f.signedMessage(f.alice, 'no signer');
    const root = readEntity(signed);
    const der = withSignerInfos(signatureOf(signed), () => []);
    const result = await f.read(detached(root.parts[0]!.raw, der));
    expect(result.verdict.signature.status).toBe('invalid');
    expect(result.verdict.signature.reason).toMatch(/no signer/);
  });

  it('is untrusted when the chain ends in an unknown root that copies the real CA name', async () => {
    const rogueCa = f.pki.createCa('rogue', '/O=Sealmail Test/CN=Sealmail Test CA');
    const fakeAlice = f.pki.issue(rogueCa, 'alice@example.test');
    expect(fakeAlice.certificate.x509.issuer).toBe(f.alice.certificate.x509.issuer);
    const signed = f.signedMessage(fakeAlice, 'I am alice, honest.', { });
    const result = await f.read(signed);
    expect(result.verdict.signature.status).toBe('untrusted');
    expect(result.verdict.signature.signer?.validation).toBe('untrusted');
  });

  it('is invalid when the signed part was changed after signing', async () => {
    const signed = f.signedMessage(f.alice, 'Pay 10 EUR.');
    const root = readEntity(signed);
    const original = root.parts[0]!.raw;
    const tampered = Buffer.from(original.toString('latin1').replace(/\r\n\r\n([A-Za-z0-9+/=]+)/, (_m, b64: string) =>
      `\r\n\r\n${Buffer.from(Buffer.from(b64, 'base64').toString().replace('10', '99')).toString('base64')}`), 'latin1');
    expect(tampered.equals(original)).toBe(false);
    const result = await f.read(Buffer.from(signed.toString('latin1').replace(original.toString('latin1'), tampered.toString('latin1')), 'latin1'));
    expect(result.verdict.signature.status).toBe('invalid');
    expect(result.verdict.signature.reason).toMatch(/changed after it was signed/);
  });

  it('cannot be checked when the signer\'s certificate is left out and unknown, and is valid once known', async () => {
    const input = f.pki.path('nocerts.txt');
    const content = part(['Content-Type: text/plain'], 'No certificate attached.');
    writeFileSync(input, content);
    const der = openssl(['cms', '-sign', '-binary', '-nocerts', '-in', input, '-signer', f.alice.certPath, '-inkey', f.alice.keyPath, '-outform', 'DER']);
    const unknown = await f.read(detached(content, der));
    expect(unknown.verdict.signature.status).toBe('error');
    expect(unknown.verdict.signature.reason).toMatch(/could not be checked: the signer's certificate is neither/);
    const known = await f.read(detached(content, der), { knownCertificates: [f.alice.certificate] });
    expect(known.verdict.signature.status).toBe('valid');
  });

  it('is untrusted when the certificate is not meant for e-mail', async () => {
    const tlsOnly = f.pki.issue(f.ca, 'alice@example.test', { extendedKeyUsage: 'clientAuth' });
    const result = await f.read(f.signedMessage(tlsOnly, 'wrong usage'));
    expect(result.verdict.signature.status).toBe('untrusted');
    expect(result.verdict.signature.reason).toMatch(/emailProtection/);
  });

  it('is expired when judged after the certificate ended', async () => {
    const result = await f.read(f.signedMessage(f.alice, 'old'), { at: new Date(Date.now() + 400 * 24 * 3600 * 1000) });
    expect(result.verdict.signature.status).toBe('expired');
  });
});
