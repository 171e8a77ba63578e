/**
 * Server certificates no authority vouches for: refused with what a person needs to judge them
 * (SHA-256 fingerprint, subject, issuer, validity), usable once the user pins that exact certificate,
 * and refused loudly, with nothing sent, when the certificate behind a pin changes.
 */
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerEndpoint } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import { verifySubmission } from '../mail/send-message';
import { implicitScript } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeSelfSignedCertificate } from '../testing/self-signed';
import { makeTestAuthority } from '../testing/test-certificates';
import { ImapSession } from './imap-session';
import { inspectServer } from './tls-inspect';

const PASSWORD = 'correct horse battery staple';
const credentials = { user: 'alice@example.test', pass: PASSWORD };
const noExtraTrust = { extraTrustAnchors: [] };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(protocol: 'imap' | 'smtp', tls: { key: string; cert: string }) {
  const server = await startScriptedServer(implicitScript(protocol, tls));
  servers.push(server);
  return server;
}

const refusal = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(SealmailError);
      return error as SealmailError;
    },
  );

function expectNoCredentials(server: ScriptedServer) {
  expect(server.received()).not.toContain(PASSWORD);
  expect(server.received()).not.toMatch(/LOGIN|AUTH/i);
}

describe('a self-signed server certificate', () => {
  const selfSigned = makeSelfSignedCertificate();
  const fingerprint256 = new X509Certificate(selfSigned.cert).fingerprint256;

  it('is refused with its fingerprint, subject, issuer and validity, and may be pinned', async () => {
    const server = await serve('imap', selfSigned);
    const error = await refusal(inspectServer('imap', { host: '127.0.0.1', port: server.port }, noExtraTrust));

    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.message).toMatch(/not signed by an authority Sealmail trusts/);
    expect(error.certificate).toEqual({
      subject: 'CN=127.0.0.1',
      issuer: 'CN=127.0.0.1',
      fingerprint256,
      validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      validTo: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      server: { host: '127.0.0.1', port: server.port },
      pinnable: true,
    });
    expectNoCredentials(server);
  });

  it('is used for IMAP and SMTP once pinned, and the posture says so', async () => {
    const imap = await serve('imap', selfSigned);
    const smtp = await serve('smtp', selfSigned);
    const pinned = (port: number): ServerEndpoint => ({ host: '127.0.0.1', port, pinnedFingerprint256: fingerprint256 });

    const { posture } = await inspectServer('imap', pinned(imap.port), noExtraTrust);
    expect(posture).toMatchObject({ trust: 'pinned', security: 'tls', certificate: { fingerprint256 } });
    await ImapSession.verify(pinned(imap.port), credentials, noExtraTrust);
    await verifySubmission(pinned(smtp.port), credentials, noExtraTrust);

    expect(imap.received()).toMatch(/AUTHENTICATE PLAIN|LOGIN/);
    expect(smtp.received()).toMatch(/AUTH PLAIN/);
  });

  it('is refused loudly when it changed since it was pinned, by every road, with nothing sent', async () => {
    const other = makeSelfSignedCertificate();
    const imap = await serve('imap', other);
    const smtp = await serve('smtp', other);
    const pinned = (port: number): ServerEndpoint => ({ host: '127.0.0.1', port, pinnedFingerprint256: fingerprint256 });

    for (const attempt of [
      () => inspectServer('imap', pinned(imap.port), noExtraTrust),
      () => ImapSession.verify(pinned(imap.port), credentials, noExtraTrust),
      () => verifySubmission(pinned(smtp.port), credentials, noExtraTrust),
    ]) {
      const error = await refusal(attempt());
      expect(error.code).toBe('CERT_CHANGED');
      expect(error.message).toMatch(/^The certificate of 127\.0\.0\.1 changed since you trusted it/);
      expect(error.certificate?.fingerprint256).toBe(new X509Certificate(other.cert).fingerprint256);
    }
    expectNoCredentials(imap);
    expectNoCredentials(smtp);
  });

  it('is refused when pinned but now served by an authority-signed certificate instead', async () => {
    const authority = makeTestAuthority();
    const server = await serve('imap', authority.issue());
    const endpoint = { host: '127.0.0.1', port: server.port, pinnedFingerprint256: fingerprint256 };

    const error = await refusal(ImapSession.verify(endpoint, credentials, { extraTrustAnchors: [authority.caPem] }));
    expect(error.code).toBe('CERT_CHANGED');
    expectNoCredentials(server);
  });
});

describe('certificates a pin cannot excuse', () => {
  const authority = makeTestAuthority();

  it('an expired certificate is refused as expired and is not offered for pinning', async () => {
    const expired = authority.issue({ notBefore: '20200101000000Z', notAfter: '20200201000000Z' });
    const server = await serve('imap', expired);
    const endpoint = { host: '127.0.0.1', port: server.port };

    const error = await refusal(inspectServer('imap', endpoint, noExtraTrust));
    expect(error).toMatchObject({ code: 'CERT_UNTRUSTED', message: expect.stringMatching(/expired on 2020-02-01/), certificate: { pinnable: false } });

    // Even if a pin were forced through the API, the certificate stays refused.
    const forced = await refusal(inspectServer('imap', { ...endpoint, pinnedFingerprint256: new X509Certificate(expired.cert).fingerprint256 }, noExtraTrust));
    expect(forced.code).toBe('CERT_UNTRUSTED');
    expectNoCredentials(server);
  });

  it('a certificate for another host is refused as such and is not offered for pinning', async () => {
    const server = await serve('smtp', authority.issue({ names: 'DNS:elsewhere.example' }));
    const error = await refusal(inspectServer('smtp', { host: '127.0.0.1', port: server.port }, { extraTrustAnchors: [authority.caPem] }));
    expect(error).toMatchObject({ code: 'CERT_UNTRUSTED', message: expect.stringMatching(/is for another host/), certificate: { pinnable: false } });
    expectNoCredentials(server);
  });

  it('a certificate from an unknown authority that the server does not send cannot be pinned', async () => {
    const server = await serve('imap', authority.issue());
    const error = await refusal(inspectServer('imap', { host: '127.0.0.1', port: server.port }, noExtraTrust));
    expect(error).toMatchObject({ code: 'CERT_UNTRUSTED', certificate: { pinnable: false, issuer: 'O=Sealmail tests, CN=Sealmail Hostile Test CA' } });
  });
});
