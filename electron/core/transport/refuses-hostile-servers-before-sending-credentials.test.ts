/**
 * Hostile and broken servers on 127.0.0.1, met by every road Sealmail connects by: the IMAP session
 * (imapflow), SMTP submission (nodemailer) and the credential-free inspection used by setup and the
 * probe. Each case records what the server received and shows that neither the password nor an
 * AUTH/LOGIN command is among it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerEndpoint } from '../../../shared/domain';
import { SealmailError, type ErrorCode } from '../../../shared/errors';
import type { MailProtocol } from '../../../shared/transport-types';
import { verifySubmission } from '../mail/send-message';
import { imapScript, implicitScript, smtpScript, type StartTlsBehaviour } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptOptions, type ScriptedServer } from '../testing/scripted-server';
import { makeSelfSignedCertificate } from '../testing/self-signed';
import { makeTestAuthority } from '../testing/test-certificates';
import { ImapSession } from './imap-session';
import { inspectServer } from './tls-inspect';

const PASSWORD = 'correct horse battery staple';
const USER = 'alice@example.test';
const credentials = { user: USER, pass: PASSWORD };

const authority = makeTestAuthority();
const trusted = authority.issue();
const trust = { extraTrustAnchors: [authority.caPem] };
const legacyTls = { ...trusted, minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.1' as const, ciphers: 'DEFAULT@SECLEVEL=0' };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(script: ScriptOptions): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  servers.push(server);
  return server;
}

/** Every road Sealmail takes to a server; each must refuse with `code`. */
async function refusalsOf(protocol: MailProtocol, endpoint: ServerEndpoint, messages: string[] = []): Promise<ErrorCode[]> {
  const login = protocol === 'imap' ? () => ImapSession.verify(endpoint, credentials, trust) : () => verifySubmission(endpoint, credentials, trust);
  const codes: ErrorCode[] = [];
  for (const attempt of [login, () => inspectServer(protocol, endpoint, trust)]) {
    const error = await attempt().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error, 'the connection must be refused').toBeInstanceOf(SealmailError);
    codes.push((error as SealmailError).code);
    messages.push((error as SealmailError).message);
  }
  return codes;
}

function expectNoCredentials(server: ScriptedServer) {
  const wire = server.received();
  expect(wire).not.toContain(PASSWORD);
  expect(wire).not.toContain(Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64'));
  expect(wire).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  expect(wire).not.toMatch(/\bLOGIN\b|\bAUTH\b|AUTHENTICATE/i);
}

const starttlsCases: { behaviour: StartTlsBehaviour; what: string }[] = [
  { behaviour: 'absent', what: 'the server does not offer STARTTLS (stripping)' },
  { behaviour: 'no', what: 'STARTTLS is answered NO (or 454)' },
  { behaviour: 'bad', what: 'STARTTLS is answered BAD (or 502)' },
  { behaviour: 'inject', what: 'data is injected after the STARTTLS answer, before the handshake' },
];

describe.each(['imap', 'smtp'] as const)('%s with STARTTLS required', (protocol) => {
  const script = (behaviour: StartTlsBehaviour) => (protocol === 'imap' ? imapScript(behaviour, trusted) : smtpScript(behaviour, trusted));

  it.each(starttlsCases)('refuses when $what, before any credential', async ({ behaviour }) => {
    const server = await serve(script(behaviour));
    const messages: string[] = [];
    const codes = await refusalsOf(protocol, { host: '127.0.0.1', port: server.port, security: 'starttls' }, messages);
    expect(codes).toEqual(['TLS_REQUIRED', 'TLS_REQUIRED']);
    for (const message of messages) expect(message).toMatch(behaviour === 'inject' ? /sent data after agreeing to STARTTLS/ : /STARTTLS/);
    if (behaviour === 'inject') expect(server.handshakes()).toBe(0);
    expectNoCredentials(server);
  });

  it('refuses a server that upgrades only to TLS 1.0/1.1', async () => {
    const server = await serve({ ...script('ok'), starttls: legacyTls });
    const codes = await refusalsOf(protocol, { host: '127.0.0.1', port: server.port, security: 'starttls' });
    expect(codes).toEqual(['TLS_REQUIRED', 'TLS_REQUIRED']);
    expect(server.handshakes()).toBe(0);
    expectNoCredentials(server);
  });

  it('logs in over an honest STARTTLS server (the scripts are not simply broken)', async () => {
    const server = await serve(script('ok'));
    const endpoint: ServerEndpoint = { host: '127.0.0.1', port: server.port, security: 'starttls' };
    if (protocol === 'imap') await ImapSession.verify(endpoint, credentials, trust);
    else await verifySubmission(endpoint, credentials, trust);
    const { posture } = await inspectServer(protocol, endpoint, trust);
    expect(posture).toMatchObject({ security: 'starttls', trust: 'ca', tlsVersion: 'TLSv1.3' });
    // The login happened, and only after the handshake.
    const wire = server.received();
    expect(wire.search(/AUTHENTICATE|LOGIN|AUTH PLAIN/)).toBeGreaterThan(wire.indexOf('STARTTLS'));
  });
});

describe.each(['imap', 'smtp'] as const)('%s over implicit TLS', (protocol) => {
  const endpoint = (server: ScriptedServer): ServerEndpoint => ({ host: '127.0.0.1', port: server.port, security: 'tls' });

  it('refuses a port that speaks plaintext', async () => {
    const server = await serve(protocol === 'imap' ? imapScript('absent', trusted) : smtpScript('absent', trusted));
    expect(await refusalsOf(protocol, endpoint(server))).toEqual(['TLS_REQUIRED', 'TLS_REQUIRED']);
    expectNoCredentials(server);
  });

  it('refuses a server that only speaks TLS 1.0/1.1', async () => {
    const server = await serve(implicitScript(protocol, legacyTls));
    expect(await refusalsOf(protocol, endpoint(server))).toEqual(['TLS_REQUIRED', 'TLS_REQUIRED']);
    expectNoCredentials(server);
  });

  it.each([
    { what: 'self-signed', tls: () => makeSelfSignedCertificate() },
    { what: 'expired', tls: () => authority.issue({ notBefore: '20200101000000Z', notAfter: '20200201000000Z' }) },
    { what: 'for another host', tls: () => authority.issue({ names: 'DNS:elsewhere.example' }) },
  ])('refuses a certificate that is $what', async ({ tls }) => {
    const server = await serve(implicitScript(protocol, tls()));
    expect(await refusalsOf(protocol, endpoint(server))).toEqual(['CERT_UNTRUSTED', 'CERT_UNTRUSTED']);
    expectNoCredentials(server);
  });
});
