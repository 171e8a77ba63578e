/**
 * Discovery from an address, against a DNS server and an HTTPS server on 127.0.0.1 (real UDP DNS
 * answered by dns-packet, real HTTPS with a test authority): SRV first, then autoconfig over HTTPS
 * only, then guessed host names proven by a TLS handshake; plaintext offers are discarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { implicitScript } from '../testing/hostile-scripts';
import { loopbackLookup } from '../testing/loopback-lookup';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeTestAuthority } from '../testing/test-certificates';
import { inspectServer } from '../transport/tls-inspect';
import { dnsSrvResolver, ServerDiscovery } from './discover-servers';
import { httpsFetcher } from './https-fetch';
import { startDnsFixture, type DnsFixture } from './testing/dns-fixture';
import { startHttpsFixture, type HttpsFixture } from './testing/https-fixture';

const authority = makeTestAuthority();
const trust = { extraTrustAnchors: [authority.caPem] };

const config = (imap: string, smtp: string) => `<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="x">${imap}${smtp}</emailProvider></clientConfig>`;
const incoming = (host: string, port: number, socketType: string) =>
  `<incomingServer type="imap"><hostname>${host}</hostname><port>${port}</port><socketType>${socketType}</socketType><username>%EMAILADDRESS%</username></incomingServer>`;
const outgoing = (host: string, port: number, socketType: string) =>
  `<outgoingServer type="smtp"><hostname>${host}</hostname><port>${port}</port><socketType>${socketType}</socketType></outgoingServer>`;

let dns: DnsFixture;
let https: HttpsFixture;
let imapGuess: ScriptedServer;
let smtpGuess: ScriptedServer;
let discovery: ServerDiscovery;

beforeAll(async () => {
  dns = await startDnsFixture({
    '_imaps._tcp.srv.test': [{ target: 'imap-backup.srv.test', port: 10993, priority: 20 }, { target: 'imap.srv.test', port: 993, priority: 10 }],
    '_submission._tcp.srv.test': [{ target: 'smtp.srv.test', port: 587 }],
    '_imap._tcp.half.test': [{ target: 'mail.half.test', port: 143 }],
    '_submissions._tcp.none.test': [{ target: '.', port: 0 }],
    '_imaps._tcp.elsewhere.test': [{ target: 'imap.provider.example', port: 993 }],
    '_submissions._tcp.elsewhere.test': [{ target: 'smtp.elsewhere.test', port: 465 }],
  });
  const names = ['autoconfig.example.test', 'example.test', 'autoconfig.half.test', 'wellknown.test', 'autoconfig.plain.test', 'autoconfig.redirect.test'];
  https = await startHttpsFixture(authority.issue({ names: names.map((name) => `DNS:${name}`).join(',') }), {
    'autoconfig.example.test/mail/config-v1.1.xml': config(incoming('imap.example.test', 143, 'plain') + incoming('imap.example.test', 993, 'SSL'), outgoing('smtp.%EMAILDOMAIN%', 587, 'STARTTLS')),
    'autoconfig.half.test/mail/config-v1.1.xml': config(incoming('ignored.half.test', 993, 'SSL'), outgoing('smtp.half.test', 465, 'SSL')),
    'wellknown.test/.well-known/autoconfig/mail/config-v1.1.xml': config(incoming('imap.wellknown.test', 993, 'SSL'), outgoing('smtp.wellknown.test', 465, 'SSL')),
    'autoconfig.plain.test/mail/config-v1.1.xml': config(incoming('imap.plain.test', 143, 'plain'), outgoing('smtp.plain.test', 25, 'plain')),
    'autoconfig.redirect.test/mail/config-v1.1.xml': { location: 'http://autoconfig.redirect.test/mail/config-v1.1.xml' },
  });
  imapGuess = await startScriptedServer(implicitScript('imap', authority.issue({ names: 'DNS:mail.plain.test' })));
  smtpGuess = await startScriptedServer(implicitScript('smtp', authority.issue({ names: 'DNS:smtp.plain.test' })));
  discovery = new ServerDiscovery({
    resolveSrv: dnsSrvResolver([dns.server]),
    fetchText: httpsFetcher({ trust, lookup: loopbackLookup, port: https.port }),
    probe: (protocol, endpoint) => inspectServer(protocol, endpoint, trust, { lookup: loopbackLookup }).then(() => true),
    guessPorts: { imap: imapGuess.port, smtp: smtpGuess.port },
  });
});

afterAll(async () => {
  await Promise.all([dns.close(), https.close(), imapGuess.close(), smtpGuess.close()]);
});

describe('server discovery', () => {
  it('takes RFC 6186 SRV records first, implicit TLS preferred, STARTTLS only as a requirement', async () => {
    const found = await discovery.discover('alice@srv.test');
    expect(found).toEqual({
      imap: { host: 'imap.srv.test', port: 993, security: 'tls' },
      smtp: { host: 'smtp.srv.test', port: 587, security: 'starttls' },
      source: { imap: 'srv', smtp: 'srv' },
      discarded: [],
      confirm: [],
      oauth2: false,
    });
    expect(dns.questions).toEqual(expect.arrayContaining(['_imaps._tcp.srv.test', '_submissions._tcp.srv.test', '_submission._tcp.srv.test']));
    expect(https.requests.filter((request) => request.includes('srv.test'))).toEqual([]);
  });

  it('asks for a look before using a server outside the domain that only DNS vouches for', async () => {
    const found = await discovery.discover('gina@elsewhere.test');
    expect(found.imap.host).toBe('imap.provider.example');
    expect(found.confirm).toEqual([expect.stringMatching(/^imap\.provider\.example is not part of elsewhere\.test; DNS named it/)]);
  });

  it('reads autoconfig over HTTPS and throws away its plaintext entries', async () => {
    const found = await discovery.discover('bob@example.test');
    expect(found.imap).toEqual({ host: 'imap.example.test', port: 993, security: 'tls' });
    expect(found.smtp).toEqual({ host: 'smtp.example.test', port: 587, security: 'starttls' });
    expect(found.source).toEqual({ imap: 'autoconfig', smtp: 'autoconfig' });
    expect(found.discarded).toEqual(['autoconfig offered IMAP at imap.example.test without TLS (plain); ignored']);
    expect(https.requests).toContain('autoconfig.example.test/mail/config-v1.1.xml?emailaddress=bob%40example.test');
  });

  it('fills what SRV lacks from autoconfig', async () => {
    const found = await discovery.discover('carol@half.test');
    expect(found.imap).toEqual({ host: 'mail.half.test', port: 143, security: 'starttls' });
    expect(found.smtp).toEqual({ host: 'smtp.half.test', port: 465, security: 'tls' });
    expect(found.source).toEqual({ imap: 'srv', smtp: 'autoconfig' });
  });

  it('falls back to the domain\'s /.well-known/autoconfig/', async () => {
    const found = await discovery.discover('dave@wellknown.test');
    expect(found.source).toEqual({ imap: 'autoconfig', smtp: 'autoconfig' });
    expect(found.imap.host).toBe('imap.wellknown.test');
    expect(https.requests).toContain('wellknown.test/.well-known/autoconfig/mail/config-v1.1.xml');
  });

  it('guesses host names on TLS ports when the only offers are plaintext, keeping those a handshake proves', async () => {
    const found = await discovery.discover('erin@plain.test');
    expect(found.imap).toEqual({ host: 'mail.plain.test', port: imapGuess.port, security: 'tls' });
    expect(found.smtp).toEqual({ host: 'smtp.plain.test', port: smtpGuess.port, security: 'tls' });
    expect(found.source).toEqual({ imap: 'guess', smtp: 'guess' });
    expect(found.discarded).toHaveLength(2);
    // The guesses were handshakes only.
    expect(imapGuess.received()).toBe('');
    expect(smtpGuess.received()).toBe('');
  });

  it('never follows autoconfig to plain HTTP, and says when nothing secure was found', async () => {
    const error = await discovery.discover('frank@redirect.test').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(SealmailError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/could not find IMAP and SMTP servers with TLS for redirect\.test/) });
    expect(https.requests.filter((request) => request.startsWith('autoconfig.redirect.test'))).toHaveLength(1);
  });

  it('refuses to fetch anything but https: URLs', async () => {
    const fetch = httpsFetcher({ trust, lookup: loopbackLookup, port: https.port });
    expect(await fetch('http://autoconfig.example.test/mail/config-v1.1.xml')).toBeNull();
    expect(await fetch('https://autoconfig.example.test/mail/config-v1.1.xml')).toContain('clientConfig');
  });
});
