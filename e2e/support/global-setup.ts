/**
 * Starts what the browser tests drive: the test mail servers (unless SEALMAIL_TEST_SERVERS names
 * running ones), the loopback DNS world (BIND, unbound, the MTA-STS policy server) that every
 * recipient lookup goes to, the loopback LDAP directory (SEALMAIL_TEST_LDAP), and `dev:web` itself
 * as a child process, trusting the test CAs. The address it prints, token included, is handed to
 * the tests in SEALMAIL_WEB_URL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from '../servers/ensure-packages';
import { startDnsWorld } from '../servers/dns/dns-world';
import { ldapDirectoryInfo, startLdapDirectory } from '../servers/ldap/ldap-directory';
import { readServersInfo, startMailServers, writeServersInfo } from '../servers/mail-servers';
import { startDevWeb } from './dev-web';
import type { TestDirectoryInfo } from './test-directory';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A spec run alone (npx playwright test …) installs the browser, the DNS world's BIND and
  // unbound and the directory's slapd, as npm test would.
  await ensureSystemPackages(['browser', 'dns-servers', 'directory']);
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    await startAll(cleanups);
  } catch (error) {
    // Playwright runs no teardown when the set-up throws: stop what did start.
    await teardown();
    throw error;
  }
  return teardown;
}

async function startAll(cleanups: (() => Promise<void>)[]): Promise<void> {
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
  // carol's SMIMEA certificate and key, so a spec can decrypt with OpenSSL what went to her.
  const carol = { address: dns.smimea.carol.address, certPath: join(work, 'smimea-carol.pem'), keyPath: join(work, 'smimea-carol.key') };
  await writeFile(carol.certPath, dns.smimea.carol.certPem);
  await writeFile(carol.keyPath, dns.smimea.carol.keyPem, { mode: 0o600 });
  process.env.SEALMAIL_TEST_DNS = JSON.stringify({ resolver: `${dns.resolver.host}:${dns.resolver.port}`, policyHttpsPort: dns.policyHttps.port, caPath: dnsCaPath, smimea: { carol } });

  const directory = await startLdapDirectory();
  cleanups.push(directory.stop);
  const directoryInfo: TestDirectoryInfo = { ...ldapDirectoryInfo(directory), caCertPath: join(work, 'ldap-directory-ca.pem') };
  await writeFile(directoryInfo.caCertPath, directory.caCertPem);
  const directoryFile = join(work, 'ldap-directory.json');
  await writeFile(directoryFile, JSON.stringify(directoryInfo));
  process.env.SEALMAIL_TEST_LDAP = directoryFile;

  const devWeb = await startDevWeb({ profileDir: join(work, 'profile'), caPaths: [servers.caCertPath] });
  cleanups.push(devWeb.stop);
  process.env.SEALMAIL_WEB_URL = devWeb.url;
}
