/**
 * Vitest global setup for integration tests: starts Dovecot and Postfix once for the run, unless
 * SEALMAIL_TEST_SERVERS names the info file of servers already running, and hands their
 * addresses and test credentials to the tests through `inject('mailServers')`.
 * Next to them it starts the loopback DNS world (e2e/servers/dns) for `inject('dnsWorld')`, always,
 * also when the mail servers are reused: it takes about two seconds and holds no state a test changes.
 * Likewise the loopback LDAP directory (e2e/servers/ldap) for `inject('ldapDirectory')`.
 */
import type { TestProject } from 'vitest/node';
import { dnsWorldInfo, startDnsWorld, type DnsWorldInfo } from './dns/dns-world';
import { ldapDirectoryInfo, startLdapDirectory, type LdapDirectoryInfo } from './ldap/ldap-directory';
import { readServersInfo, startMailServers, type MailServersInfo } from './mail-servers';

declare module 'vitest' {
  export interface ProvidedContext {
    mailServers: MailServersInfo;
    dnsWorld: DnsWorldInfo;
    ldapDirectory: LdapDirectoryInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infoFile = process.env.SEALMAIL_TEST_SERVERS;
  const reused = infoFile ? readServersInfo(infoFile) : null;
  const [mail, dns, ldap] = await Promise.allSettled([
    reused ? Promise.resolve(null) : startMailServers(), startDnsWorld(), startLdapDirectory(),
  ]);
  const stops = [mail, dns, ldap].flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value.stop] : []));
  const teardown = async (): Promise<void> => { await Promise.all(stops.map((stop) => stop())); };
  const failed = [mail, dns, ldap].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed || mail.status === 'rejected' || dns.status === 'rejected' || ldap.status === 'rejected') {
    await teardown();
    throw failed?.reason;
  }
  if (mail.value) {
    const { stop: _stop, ...info } = mail.value;
    project.provide('mailServers', info);
  } else if (reused) {
    project.provide('mailServers', reused);
  }
  project.provide('dnsWorld', dnsWorldInfo(dns.value));
  project.provide('ldapDirectory', ldapDirectoryInfo(ldap.value));
  return teardown;
}
