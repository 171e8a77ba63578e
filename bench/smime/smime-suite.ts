/**
 * S/MIME figures for `npm run bench`: sign, verify, encrypt and decrypt of one message, each against
 * the raw node:crypto operation it is built on (hash + sign, AES + RSA) and against `openssl cms`
 * run on the same input (a process per message, as a mail client calling OpenSSL would pay).
 */
import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, sign, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { decryptEnvelope } from '../../electron/core/smime/decrypt-envelope';
import { encryptEntity } from '../../electron/core/smime/encrypt-entity';
import { textEntity, withMessageHeaders } from '../../electron/core/smime/mime/compose-entity';
import { readEntity } from '../../electron/core/smime/mime/raw-entity';
import { decodeBody } from '../../electron/core/smime/mime/transfer-encoding';
import { readSecureMessage } from '../../electron/core/smime/read-secure-message';
import { signEntity } from '../../electron/core/smime/sign-entity';
import { openssl, TestPki } from '../../electron/core/smime/testing/test-pki';

import { figure, type BenchSuite, type Figure } from '../figure';

/** Mean milliseconds per call over `runs` calls, after one warm-up. */
async function perCall(runs: number, work: () => unknown): Promise<number> {
  await work();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await work();
  return (performance.now() - start) / runs;
}

export const smimeSuite: BenchSuite = {
  name: 'smime',
  async run({ small, log }) {
    const pki = new TestPki();
    try {
      const ca = pki.createCa('bench-ca');
      const alice = pki.issue(ca, 'alice@example.test');
      const clock = { now: () => new Date() };
      const size = small ? 4 * 1024 : 256 * 1024;
      const runs = small ? 3 : 20;
      const opensslRuns = small ? 2 : 5;
      const text = randomBytes(size).toString('base64').slice(0, size);
      const entity = textEntity(text);
      const signer = { key: alice.key, certificate: alice.certificate, chain: [ca.certificate] };
      log(`one ${Math.round(size / 1024)} KB text message, RSA-2048, ${runs} runs (openssl: ${opensslRuns})`);

      const signed = withMessageHeaders(signEntity(entity, signer, clock), { from: alice.email, to: [alice.email], subject: 'bench', date: new Date() });
      const signedRoot = readEntity(signed);
      const signedContent = signedRoot.parts[0]!.raw;
      const rawSignature = sign('sha256', signedContent, alice.key);
      const recipients = [{ certificate: alice.certificate, capabilities: { aesGcm: true, rsaOaep: true } }];
      const encrypted = encryptEntity(signed, recipients).entity;
      const envelopeDer = decodeBody(readEntity(encrypted));
      const keys = [{ certificate: alice.certificate, key: alice.key }];
      const read = { anchors: [ca.certificate], knownCertificates: [], at: new Date(), revocation: null, decryptor: null };

      const files = {
        entity: pki.path('bench-entity.txt'), signed: pki.path('bench-signed.eml'), encrypted: pki.path('bench-encrypted.eml'),
      };
      writeFileSync(files.entity, entity);
      writeFileSync(files.signed, signed);
      writeFileSync(files.encrypted, Buffer.concat([Buffer.from('MIME-Version: 1.0\r\n'), encrypted]));

      const sealmail = {
        sign: await perCall(runs, () => signEntity(entity, signer, clock)),
        verify: await perCall(runs, () => readSecureMessage(signed, read)),
        encrypt: await perCall(runs, () => encryptEntity(signed, recipients)),
        decrypt: await perCall(runs, () => decryptEnvelope(envelopeDer, keys)),
      };
      const raw = {
        sign: await perCall(runs, () => sign('sha256', entity, alice.key)),
        verify: await perCall(runs, () => verify('sha256', signedContent, alice.certificate.x509.publicKey, rawSignature)),
        encrypt: await perCall(runs, () => {
          const key = randomBytes(32);
          const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
          Buffer.concat([cipher.update(signed), cipher.final()]);
          return publicEncrypt({ key: alice.certificate.x509.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, key);
        }),
        decrypt: await (async () => {
          const key = randomBytes(32);
          const iv = randomBytes(12);
          const cipher = createCipheriv('aes-256-gcm', key, iv);
          const body = Buffer.concat([cipher.update(signed), cipher.final()]);
          const tag = cipher.getAuthTag();
          const wrapped = publicEncrypt({ key: alice.certificate.x509.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, key);
          return perCall(runs, () => {
            const cek = privateDecrypt({ key: alice.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrapped);
            const decipher = createDecipheriv('aes-256-gcm', cek, iv);
            decipher.setAuthTag(tag);
            return Buffer.concat([decipher.update(body), decipher.final()]);
          });
        })(),
      };
      const viaOpenssl = {
        sign: await perCall(opensslRuns, () => openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', files.entity, '-signer', alice.certPath, '-inkey', alice.keyPath, '-certfile', ca.certPath])),
        verify: await perCall(opensslRuns, () => openssl(['cms', '-verify', '-in', files.signed, '-CAfile', ca.certPath, '-purpose', 'smimesign'])),
        encrypt: await perCall(opensslRuns, () => openssl(['cms', '-encrypt', '-aes-256-gcm', '-in', files.signed, '-recip', alice.certPath, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'])),
        decrypt: await perCall(opensslRuns, () => openssl(['cms', '-decrypt', '-in', files.encrypted, '-recip', alice.certPath, '-inkey', alice.keyPath])),
      };
      const figures: Figure[] = [];
      for (const step of ['sign', 'verify', 'encrypt', 'decrypt'] as const) {
        figures.push(figure(`smime.${step}.vs-node-crypto`, sealmail[step], 'ms/message', raw[step], 'MIME and CMS framing cost little over the raw operation'));
        figures.push(figure(`smime.${step}.vs-openssl-cms`, sealmail[step], 'ms/message', viaOpenssl[step], 'faster than a process per message (ratio < 1)'));
      }
      return figures;
    } finally {
      pki.cleanup();
    }
  },
};
