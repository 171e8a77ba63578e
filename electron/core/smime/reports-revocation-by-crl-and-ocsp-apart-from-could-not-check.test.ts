/**
 * Item 2, revocation: through the CRL distribution point (fetched once, then cached) and through
 * OCSP (`openssl ocsp` as the responder) on 127.0.0.1. A revoked certificate is 'revoked'; a source
 * that cannot be reached is 'could not check', which is not 'revoked' and leaves the signature valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClosedPort } from '../testing/closed-port';
import { createCryptoEngine } from './cms/crypto-engine';
import { createHttpFetcher } from './revocation/http-fetch';
import { RevocationService } from './revocation/revocation-service';
import { startRevocationServer, type RevocationServer } from './testing/revocation-server';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
let server: RevocationServer;
const engine = createCryptoEngine();
const service = () => new RevocationService(createHttpFetcher({ timeoutMs: 3_000 }), engine);

beforeAll(async () => {
  f = createSmimeFixture();
  server = await startRevocationServer(f.pki, f.ca);
}, 120_000);
afterAll(async () => {
  await server.close();
  f.cleanup();
});

describe('through the CRL distribution point', () => {
  it('is trusted and good when the certificate is not listed', async () => {
    const dana = f.pki.issue(f.ca, 'dana@example.test', { crlUrl: server.crlUrl });
    const result = await f.read(f.signedMessage(dana, 'hi'), { revocation: service() });
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { validation: 'trusted' }, reason: null });
    expect(result.verdict.signature.details?.revocation).toBe('good');
  });

  it('is revoked when the CRL lists the certificate', async () => {
    const erin = f.pki.issue(f.ca, 'erin@example.test', { crlUrl: server.crlUrl });
    f.pki.revoke(f.ca, erin);
    const result = await f.read(f.signedMessage(erin, 'hi'), { revocation: service() });
    expect(result.verdict.signature).toMatchObject({ status: 'revoked', signer: { validation: 'revoked' } });
    expect(result.verdict.signature.reason).toMatch(/revoked \(listed in the CRL/);
  });

  it('fetches the CRL once and then uses the cached copy', async () => {
    const fay = f.pki.issue(f.ca, 'fay@example.test', { crlUrl: server.crlUrl });
    const checker = service();
    const before = server.counts.crl;
    for (let i = 0; i < 3; i++) {
      const result = await f.read(f.signedMessage(fay, `hi ${i}`), { revocation: checker });
      expect(result.verdict.signature.details?.revocation).toBe('good');
    }
    expect(server.counts.crl - before).toBe(1);
  });

  it('could not check, and stays valid, when the CRL server cannot be reached', async () => {
    const port = await findClosedPort();
    const gil = f.pki.issue(f.ca, 'gil@example.test', { crlUrl: `http://127.0.0.1:${port}/crl` });
    const result = await f.read(f.signedMessage(gil, 'hi'), { revocation: service() });
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { validation: 'trusted-revocation-unknown' } });
    expect(result.verdict.signature.details?.revocation).toBe('could-not-check');
    expect(result.verdict.signature.reason).toMatch(/could not be checked/);
  });
});

describe('through OCSP', () => {
  it('is trusted and good when the responder says good', async () => {
    const hal = f.pki.issue(f.ca, 'hal@example.test', { ocspUrl: server.ocspUrl });
    const before = server.counts.ocsp;
    const result = await f.read(f.signedMessage(hal, 'hi'), { revocation: service() });
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { validation: 'trusted' } });
    expect(server.counts.ocsp - before).toBe(1);
  });

  it('is revoked when the responder says revoked', async () => {
    const ida = f.pki.issue(f.ca, 'ida@example.test', { ocspUrl: server.ocspUrl });
    f.pki.revoke(f.ca, ida);
    const result = await f.read(f.signedMessage(ida, 'hi'), { revocation: service() });
    expect(result.verdict.signature.status).toBe('revoked');
    expect(result.verdict.signature.reason).toMatch(/OCSP/);
  });

  it('falls back to the CRL when the responder cannot be reached', async () => {
    const port = await findClosedPort();
    const jan = f.pki.issue(f.ca, 'jan@example.test', { ocspUrl: `http://127.0.0.1:${port}/ocsp`, crlUrl: server.crlUrl });
    f.pki.revoke(f.ca, jan);
    const result = await f.read(f.signedMessage(jan, 'hi'), { revocation: service() });
    expect(result.verdict.signature.status).toBe('revoked');
  });

  it('could not check when neither OCSP nor CRL answers', async () => {
    const port = await findClosedPort();
    const kim = f.pki.issue(f.ca, 'kim@example.test', { ocspUrl: `http://127.0.0.1:${port}/ocsp`, crlUrl: `http://127.0.0.1:${port}/crl` });
    const result = await f.read(f.signedMessage(kim, 'hi'), { revocation: service() });
    expect(result.verdict.signature.status).toBe('valid');
    expect(result.verdict.signature.details?.revocation).toBe('could-not-check');
    expect(result.verdict.signature.details?.revocationReason).toMatch(/OCSP.*CRL/);
  });
});
