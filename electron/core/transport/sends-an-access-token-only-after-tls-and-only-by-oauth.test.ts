/**
 * An OAuth 2.0 access token is a credential exactly as a password is: against hostile servers it
 * never leaves before TLS, and over TLS it goes only by OAUTHBEARER (RFC 7628) or XOAUTH2, the one
 * the server offers. A server offering neither is refused in words, with the token kept back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { submitMessage, verifySubmission } from '../mail/send-message';
import { imapScript, implicitScript, smtpScript, type StartTlsBehaviour } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptOptions, type ScriptedServer } from '../testing/scripted-server';
import { makeTestAuthority } from '../testing/test-certificates';
import type { TokenCredentials } from './credentials';
import { ImapSession } from './imap-session';

const TOKEN = 'ya29.secret-access-token-value';
const USER = 'alice@example.test';
const credentials: TokenCredentials = { user: USER, accessToken: TOKEN, issuerName: 'Test Mail' };

const authority = makeTestAuthority();
const tls = authority.issue();
const trust = { extraTrustAnchors: [authority.caPem] };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(script: ScriptOptions): Promise<number> {
  const server = await startScriptedServer(script);
  servers.push(server);
  return server.port;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const decodedAuth = (wire: string) => [...wire.matchAll(/(?:AUTHENTICATE|AUTH) (\S+) (\S+)/g)].map(([, mechanism, payload]) => ({ mechanism, payload: Buffer.from(payload!, 'base64').toString('utf8') }));

function expectNoToken(server: ScriptedServer) {
  const wire = server.received();
  expect(wire).not.toContain(TOKEN);
  expect(wire).not.toContain(b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`));
  expect(wire).not.toMatch(/\bAUTH\b|AUTHENTICATE/i);
}

describe('before TLS', () => {
  it.each<[StartTlsBehaviour]>([['absent'], ['no'], ['bad'], ['inject']])('a server whose STARTTLS is %s never sees the token', async (behaviour) => {
    for (const protocol of ['imap', 'smtp'] as const) {
      const script = protocol === 'imap' ? imapScript(behaviour, tls) : smtpScript(behaviour, tls);
      const port = await serve(script);
      const endpoint = { host: '127.0.0.1', port, security: 'starttls' as const };
      const attempt = protocol === 'imap' ? ImapSession.verify(endpoint, credentials, trust) : verifySubmission(endpoint, credentials, trust);
      await expect(attempt).rejects.toMatchObject({ code: 'TLS_REQUIRED' });
      expectNoToken(servers.at(-1)!);
    }
  });
});

describe('over TLS', () => {
  it('refuses a server that offers no OAuth mechanism, and keeps the token back', async () => {
    for (const protocol of ['imap', 'smtp'] as const) {
      const port = await serve(implicitScript(protocol, tls));
      const endpoint = { host: '127.0.0.1', port, security: 'tls' as const };
      const attempt = protocol === 'imap' ? ImapSession.verify(endpoint, credentials, trust) : verifySubmission(endpoint, credentials, trust);
      const error = await attempt.catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(SealmailError);
      expect(error).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('offers no OAuth 2.0 login (neither OAUTHBEARER nor XOAUTH2)') });
      expectNoToken(servers.at(-1)!);
    }
  });

  it.each([
    ['OAUTHBEARER', `n,a=${USER},\x01auth=Bearer ${TOKEN}\x01\x01`],
    ['XOAUTH2', `user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`],
  ])('submits with %s when that is what the server offers', async (mechanism, payload) => {
    const port = await serve(oauthSmtp([mechanism]));
    const message = { raw: Buffer.from('Subject: hi\r\n\r\nbody\r\n'), messageId: '<1@example.test>', envelope: { from: USER, to: ['bob@example.test'] } };
    expect(await submitMessage({ host: '127.0.0.1', port, security: 'tls' }, credentials, trust, message)).toEqual(['bob@example.test']);
    expect(decodedAuth(servers.at(-1)!.received())).toEqual([{ mechanism, payload }]);
  });

  it('prefers OAUTHBEARER when both are offered, for IMAP and for SMTP', async () => {
    const smtp = await serve(oauthSmtp(['XOAUTH2', 'OAUTHBEARER']));
    await verifySubmission({ host: '127.0.0.1', port: smtp, security: 'tls' }, credentials, trust);
    expect(decodedAuth(servers.at(-1)!.received()).map((auth) => auth.mechanism)).toEqual(['OAUTHBEARER']);

    const imap = await serve(oauthImap('AUTH=XOAUTH2 AUTH=OAUTHBEARER'));
    await ImapSession.verify({ host: '127.0.0.1', port: imap, security: 'tls' }, credentials, trust);
    expect(decodedAuth(servers.at(-1)!.received()).map((auth) => auth.mechanism)).toEqual(['OAUTHBEARER']);
  });

  it('says the access token was refused when the server turns it down, and sends no message', async () => {
    const port = await serve(oauthSmtp(['OAUTHBEARER'], { refuse: true }));
    const message = { raw: Buffer.from('Subject: hi\r\n\r\nsecret body\r\n'), messageId: '<2@example.test>', envelope: { from: USER, to: ['bob@example.test'] } };
    const error = await submitMessage({ host: '127.0.0.1', port, security: 'tls' }, credentials, trust, message).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('refused the access token from Test Mail') });
    // RFC 7628 §3.2.3: the client answers the error challenge with %x01, and nothing more is sent.
    const wire = servers.at(-1)!.received();
    expect(wire).toContain('AQ==');
    expect(wire).not.toMatch(/MAIL FROM|secret body/);
  });
});

/** An implicit-TLS submission server offering `mechanisms`, accepting (or refusing) any token. */
function oauthSmtp(mechanisms: string[], { refuse = false } = {}): ScriptOptions {
  return {
    tls,
    greeting: '220 oauth ESMTP\r\n',
    reply(line) {
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') return `250-oauth\r\n250-AUTH ${mechanisms.join(' ')}\r\n250 8BITMIME\r\n`;
      if (verb === 'AUTH') return refuse ? `334 ${b64('{"status":"invalid_token"}')}\r\n` : '235 2.7.0 ok\r\n';
      if (line === 'AQ==' || line === '') return '535 5.7.8 invalid token\r\n';
      if (verb === 'QUIT') return '221 bye\r\n';
      if (verb === 'DATA') return '354 go on\r\n';
      return '250 ok\r\n';
    },
  };
}

/** An implicit-TLS IMAP server with `auth` capabilities, accepting any token. */
function oauthImap(auth: string): ScriptOptions {
  return {
    tls,
    greeting: '* OK oauth IMAP ready\r\n',
    reply(line) {
      const [tag, command = ''] = line.split(' ');
      const verb = command.toUpperCase();
      if (verb === 'CAPABILITY') return `* CAPABILITY IMAP4rev1 SASL-IR ${auth}\r\n${tag} OK done\r\n`;
      if (verb === 'AUTHENTICATE') return `${tag} OK logged in\r\n`;
      if (verb === 'LOGOUT') return `* BYE\r\n${tag} OK bye\r\n`;
      return `${tag} OK\r\n`;
    },
  };
}
