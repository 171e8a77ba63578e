/**
 * `npm run dev:web`: the real core and the real renderer, in a browser, over the loopback bridge.
 *
 *   --port N          listen on 127.0.0.1:N (default: a free port)
 *   --profile DIR     keep accounts in DIR (default: a fresh temporary profile)
 *   --ca FILE         also trust this CA certificate (PEM) for mail servers and S/MIME signers
 *   --test-servers    start the project's Dovecot and Postfix test servers (needs root) and trust their CA
 *   --dns HOST:PORT   look up recipient domains (MX, MTA-STS, TLSA) at this resolver, not the system's;
 *                     its AD bit is believed only when HOST is a loopback address
 *   --policy-https-port N   a test setting: fetch MTA-STS policies from port N instead of 443
 *   --oauth-config FILE     read OAuth 2.0 client IDs and providers from FILE, not the profile's oauth.json
 *   --sign-in-log FILE      a test setting: append each OAuth sign-in address to FILE instead of
 *                           opening the system browser (the test then opens it in a browser of its own)
 *
 * Passwords stay in memory only: without Electron there is no OS keychain to keep them in.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/create-core';
import { systemBrowserOpener } from '../core/oauth/system-browser';
import { MemorySecretStore } from '../core/ports';
import { startBridgeServer } from './bridge-server';
import { consoleLogger } from './console-logger';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    profile: { type: 'string' },
    ca: { type: 'string', multiple: true },
    'test-servers': { type: 'boolean', default: false },
    dns: { type: 'string' },
    'policy-https-port': { type: 'string' },
    'oauth-config': { type: 'string' },
    'sign-in-log': { type: 'string' },
  },
});

const cleanups: (() => Promise<void>)[] = [];
const extraTrustAnchors = await Promise.all((values.ca ?? []).map((file) => readFile(file, 'utf8')));

if (values['test-servers']) {
  const { startMailServers } = await import('../../e2e/servers/mail-servers');
  const servers = await startMailServers();
  cleanups.push(() => servers.stop());
  extraTrustAnchors.push(servers.caCertPem);
  const { alice, bob } = servers.users;
  console.log(`Test servers: IMAP ${servers.host}:${servers.imapPort}, SMTP ${servers.host}:${servers.smtpPort}`);
  console.log(`  ${alice.address} / ${alice.password}`);
  console.log(`  ${bob.address} / ${bob.password}`);
}

let profileDir = values.profile ? resolve(values.profile) : '';
if (!profileDir) {
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-profile-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
}

const transportPolicy = {
  ...(values.dns ? { resolvers: [parseHostPort(values.dns)] } : {}),
  ...(values['policy-https-port'] ? { httpsPort: Number(values['policy-https-port']) } : {}),
};
const signInLog = values['sign-in-log'];
const oauth = {
  openBrowser: signInLog ? (url: string) => appendFile(signInLog, `${url}\n`) : systemBrowserOpener((line) => console.log(line)),
  ...(values['oauth-config'] ? { configFile: resolve(values['oauth-config']) } : {}),
};
const core = createCore({ profileDir, secrets: new MemorySecretStore(), extraTrustAnchors, logger: consoleLogger, transportPolicy, oauth });
const bridge = await startBridgeServer({
  core,
  staticDir: resolve(import.meta.dirname, '../../out/renderer'),
  port: values.port ? Number(values.port) : 0,
  logger: consoleLogger,
});
console.log('Sealmail is running. Open this address in a browser (Ctrl+C stops it):');
console.log(bridge.url);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await core.close();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/** '127.0.0.2:5353' or '[::1]:53' as a host and a port. */
function parseHostPort(value: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(value);
  if (!match) throw new Error(`--dns takes HOST:PORT, not "${value}".`);
  return { host: match[1]!, port: Number(match[2]) };
}
