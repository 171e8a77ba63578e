/**
 * Setup as the renderer drives it, through the contract: from an address and a password, the core
 * finds the servers (here through a DNS server on 127.0.0.1 answering RFC 6186 SRV questions), and
 * the account is added with what was found, STARTTLS required where the records said so.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatchCall } from '../../../shared/dispatch';
import type { DiscoveredSettings } from '../../../shared/transport-types';
import { createCore, type Core } from '../create-core';
import { MemorySecretStore } from '../ports';
import { imapScript, smtpScript } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeTestAuthority } from '../testing/test-certificates';
import { dnsSrvResolver } from './discover-servers';
import { startDnsFixture, type DnsFixture } from './testing/dns-fixture';

const authority = makeTestAuthority();
let dns: DnsFixture;
let imap: ScriptedServer;
let smtp: ScriptedServer;
let core: Core;
let profileDir: string;

beforeAll(async () => {
  const tls = authority.issue({ names: 'DNS:localhost,IP:127.0.0.1' });
  imap = await startScriptedServer({ ...imapScript('ok', tls), tls, reply: (line) => imapScript('ok', tls).reply!(line, true) });
  smtp = await startScriptedServer(smtpScript('ok', tls));
  dns = await startDnsFixture({
    '_imaps._tcp.example.test': [{ target: '127.0.0.1.', port: imap.port }],
    '_submission._tcp.example.test': [{ target: '127.0.0.1.', port: smtp.port }],
  });
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-discovery-'));
  core = createCore({
    profileDir,
    secrets: new MemorySecretStore(),
    extraTrustAnchors: [authority.caPem],
    discovery: { resolveSrv: dnsSrvResolver([dns.server]), fetchText: async () => null, probe: async () => false },
  });
});

afterAll(async () => {
  await core.close();
  await Promise.all([imap.close(), smtp.close(), dns.close()]);
  await rm(profileDir, { recursive: true, force: true });
});

it('finds the servers for an address and adds the account with them', async () => {
  const found = await dispatchCall(core.handlers, 'discoverServers', { address: 'alice@example.test' });
  expect(found).toEqual({
    ok: true,
    value: {
      imap: { host: '127.0.0.1', port: imap.port, security: 'tls' },
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'starttls' },
      source: { imap: 'srv', smtp: 'srv' },
      discarded: [],
      // 127.0.0.1 is not example.test: the person is asked to look first.
      confirm: [expect.stringMatching(/^127\.0\.0\.1 is not part of example\.test/)],
      oauth2: false,
    },
  });
  const { imap: imapEndpoint, smtp: smtpEndpoint } = (found as { value: DiscoveredSettings }).value;

  const added = await dispatchCall(core.handlers, 'addAccount', { address: 'alice@example.test', password: 'correct horse battery staple', imap: imapEndpoint, smtp: smtpEndpoint });
  expect(added).toMatchObject({ ok: true, value: { imap: { security: 'tls' }, smtp: { security: 'starttls' } } });
  expect(smtp.received().indexOf('AUTH')).toBeGreaterThan(smtp.received().indexOf('STARTTLS'));
  expect(dns.questions).toContain('_imaps._tcp.example.test');
});

it('says in words when an address has no servers to be found', async () => {
  const result = await dispatchCall(core.handlers, 'discoverServers', { address: 'bob@nowhere.test' });
  expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/Enter them by hand/) } });
});
