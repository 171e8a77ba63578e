/**
 * Starts what the browser tests drive: the test mail servers (unless SEALMAIL_TEST_SERVERS names
 * running ones), the loopback DNS world (BIND, unbound, the MTA-STS policy server) that every
 * recipient lookup goes to, and `dev:web` itself as a child process, trusting the test CAs. The
 * address it prints, token included, is handed to the tests in SEALMAIL_WEB_URL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from '../servers/ensure-packages';
import { startDnsWorld } from '../servers/dns/dns-world';
import { readServersInfo, startMailServers, writeServersInfo } from '../servers/mail-servers';
import { startDevWeb } from './dev-web';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A spec run alone (npx playwright test …) installs the browser (and the DNS world's BIND and
  // unbound, for the transport-policy specs) as npm test would.
  await ensureSystemPackages(['browser', 'dns-servers']);
  const cleanups: (() => Promise<void>)[] = [];
  const work = await mkdtemp(join(tmpdir(), 'sealmail-e2e-'));
  cleanups.push(() => rm(work, { recursive: true, force: true }));

  let infoFile = process.env.SEALMAIL_TEST_SERVERS;
  if (!infoFile) {
    const { stop, ...info } = await startMailServers();
    cleanups.push(stop);
    infoFile = join(work, 'servers.json');
    writeServersInfo(info, infoFile);
    process.env.SEALMAIL_TEST_SERVERS = infoFile;
  }
  const servers = readServersInfo(infoFile);

  const dns = await startDnsWorld();
  cleanups.push(dns.stop);
  const dnsCaPath = join(work, 'dns-world-ca.pem');
  await writeFile(dnsCaPath, dns.caCertPem);
  process.env.SEALMAIL_TEST_DNS = JSON.stringify({ resolver: `${dns.resolver.host}:${dns.resolver.port}`, policyHttpsPort: dns.policyHttps.port, caPath: dnsCaPath });

  const devWeb = await startDevWeb({ profileDir: join(work, 'profile'), caPaths: [servers.caCertPath] });
  cleanups.push(devWeb.stop);
  process.env.SEALMAIL_WEB_URL = devWeb.url;

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
}
