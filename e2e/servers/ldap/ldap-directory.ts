// Starts the loopback LDAP directory of the certificate look-up tests: one slapd serving LDAPS and
// StartTLS with a certificate from a TLS CA of its own, and a second slapd with no TLS at all (to
// prove Sealmail refuses it before binding). Both hold the same people and certificates. Callable
// from any Node process; nothing it starts can send a packet outside 127.0.0.0/8.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from '../ensure-packages.js';
import { findFreePorts } from '../free-port.js';
import { createCa, issueServerCertificate } from '../openssl-ca.js';
import { ready, retryWhenPortTaken, serverGroup } from '../server-group.js';
import { liveGroupMembers } from '../server-process.js';
import { waitForTls } from '../wait-for-tls.js';
import { certsOnlyPkcs7, createDirectoryCa, issueUserCertificate, pemToDer, type UserCertificate } from './directory-certificates.js';
import { BASE_DN, BIND_DN, directoryLdif } from './directory-entries.js';
import { startSlapd } from './slapd.js';
import { waitForTcp } from './wait-for-tcp.js';

export { pemToDer, type UserCertificate } from './directory-certificates.js';

const HOST = '127.0.0.1';

export interface LdapDirectoryInfo {
  host: string;
  /** LDAPS (implicit TLS). */
  ldapsUrl: string;
  /** Plain LDAP port of the same slapd, which offers StartTLS. */
  starttlsUrl: string;
  /** A second slapd with no TLS configured: StartTLS is refused there. */
  plainOnlyUrl: string;
  baseDn: string;
  bindDn: string;
  bindPassword: string;
  /** The CA of the directory's TLS certificate (for 127.0.0.1 and localhost). */
  caCertPem: string;
  /** The CA that issued the user S/MIME certificates. */
  smimeCaCertPem: string;
  /** What is published for each address (certificates with their keys). */
  people: {
    /** alice@example.test: one certificate in userCertificate;binary. */
    alice: UserCertificate;
    /** frank@example.test: two certificates in userCertificate;binary. */
    frank: UserCertificate[];
    /** grace@example.test publishes a certificate for someone@elsewhere.test. */
    grace: UserCertificate;
    /** henry@example.test: a certs-only PKCS#7 in userSMIMECertificate. */
    henry: UserCertificate;
    /** ivan@example.test: a certificate whose EKU is serverAuth only. */
    ivan: UserCertificate;
    /** bob@example.test (who has a mailbox on the test servers, so a browser test can send to him): one certificate. */
    bob: UserCertificate;
  };
  /** An address whose entry holds a value that is not a certificate. */
  garbageAddress: string;
  /** slapd's stats logs (every BIND, EXT and SRCH): `tls` for the TLS slapd, `plain` for the other. */
  logs: { tls: string; plain: string };
  dir: string;
  pids: { tls: number; plain: number };
}

export interface LdapDirectory extends LdapDirectoryInfo {
  /** Kills both slapd and removes the temp dir; idempotent. */
  stop(): Promise<void>;
}

const PORT_TAKEN = /address already in use|bind\(\d+\) failed/i;

async function startOnce(): Promise<LdapDirectory> {
  const dir = await mkdtemp(join(tmpdir(), 'sealmail-ldap-'));
  await chmod(dir, 0o700);
  const { started, stop } = serverGroup(dir);
  try {
    const certDir = join(dir, 'certs');
    const dirs = { tls: join(dir, 'slapd-tls'), plain: join(dir, 'slapd-plain') };
    await Promise.all([certDir, dirs.tls, dirs.plain].map((d) => mkdir(d, { mode: 0o700 })));

    const tlsCa = await createCa(certDir, 'tls-ca', 'Sealmail Directory TLS CA');
    const server = await issueServerCertificate(certDir, tlsCa, 'ldap-server', 'ldap.example.test', ['IP:127.0.0.1', 'DNS:localhost']);
    const smimeCa = await createDirectoryCa(certDir);
    const issue = (name: string, address: string, extendedKeyUsage?: string): Promise<UserCertificate> =>
      issueUserCertificate(certDir, smimeCa, { name, address, extendedKeyUsage });
    const [alice, frank1, frank2, grace, henry, ivan, bob] = await Promise.all([
      issue('alice', 'alice@example.test'),
      issue('frank-1', 'frank@example.test'),
      issue('frank-2', 'frank@example.test'),
      issue('grace', 'someone@elsewhere.test'),
      issue('henry', 'henry@example.test'),
      issue('ivan', 'ivan@example.test', 'serverAuth'),
      issue('bob', 'bob@example.test'),
    ]);
    const henryPkcs7 = await certsOnlyPkcs7(certDir, 'henry', [henry]);
    const garbageAddress = 'mallory@example.test';
    const bindPassword = randomBytes(12).toString('hex');
    const ldif = directoryLdif(bindPassword, [
      { uid: 'alice', mail: 'alice@example.test', userCertificates: [pemToDer(alice.certPem)] },
      { uid: 'frank', mail: 'frank@example.test', userCertificates: [pemToDer(frank1.certPem), pemToDer(frank2.certPem)] },
      { uid: 'grace', mail: 'grace@example.test', userCertificates: [pemToDer(grace.certPem)] },
      { uid: 'henry', mail: 'henry@example.test', smimeCertificates: [henryPkcs7] },
      { uid: 'ivan', mail: 'ivan@example.test', userCertificates: [pemToDer(ivan.certPem)] },
      { uid: 'bob', mail: 'bob@example.test', userCertificates: [pemToDer(bob.certPem)] },
      // userSMIMECertificate has Binary syntax, so slapd stores what a careless import put there.
      { uid: 'mallory', mail: garbageAddress, smimeCertificates: [Buffer.from('this is not a certificate at all')] },
    ]);

    const [ldapsPort, starttlsPort, plainPort] = await findFreePorts(3) as [number, number, number];
    const tlsSlapd = await startSlapd('slapd (TLS)', {
      dir: dirs.tls, host: HOST, ldapPort: starttlsPort, ldapsPort,
      tls: { certPath: server.certPath, keyPath: server.keyPath, caPath: tlsCa.certPath }, ldif,
    });
    started(tlsSlapd);
    const plainSlapd = await startSlapd('slapd (no TLS)', { dir: dirs.plain, host: HOST, ldapPort: plainPort, ldif });
    started(plainSlapd);
    const caCertPem = await readFile(tlsCa.certPath, 'utf8');
    await ready(tlsSlapd, [waitForTls(ldapsPort, 'implicit', caCertPem, tlsSlapd.exited), waitForTcp(HOST, starttlsPort, tlsSlapd.exited)], { log: PORT_TAKEN });
    await ready(plainSlapd, waitForTcp(HOST, plainPort, plainSlapd.exited), { log: PORT_TAKEN });

    return {
      host: HOST,
      ldapsUrl: `ldaps://${HOST}:${ldapsPort}`,
      starttlsUrl: `ldap://${HOST}:${starttlsPort}`,
      plainOnlyUrl: `ldap://${HOST}:${plainPort}`,
      baseDn: BASE_DN,
      bindDn: BIND_DN,
      bindPassword,
      caCertPem,
      smimeCaCertPem: await readFile(smimeCa.certPath, 'utf8'),
      people: { alice, frank: [frank1, frank2], grace, henry, ivan, bob },
      garbageAddress,
      logs: { tls: tlsSlapd.log, plain: plainSlapd.log },
      dir,
      pids: { tls: tlsSlapd.pid, plain: plainSlapd.pid },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts the test directory on 127.0.0.1 (free ports). Must run as root; installs slapd if it is
 * missing. Fails with slapd's log tail if a server does not come up.
 */
export async function startLdapDirectory(): Promise<LdapDirectory> {
  await ensureSystemPackages(['directory']);
  return retryWhenPortTaken(startOnce);
}

/** PIDs of still-running slapd processes of this directory; [] once stopped. */
export function liveLdapProcesses(info: Pick<LdapDirectoryInfo, 'pids'>): number[] {
  return [...liveGroupMembers(info.pids.tls), ...liveGroupMembers(info.pids.plain)];
}

/** Everything but stop(), e.g. for vitest's provide(). */
export function ldapDirectoryInfo(directory: LdapDirectory): LdapDirectoryInfo {
  const { stop: _stop, ...info } = directory;
  return info;
}
