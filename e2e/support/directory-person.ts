/**
 * Adds one person, with an S/MIME certificate from the directory's own test CA, to the running
 * test directory (e2e/servers/ldap), for a browser spec that must send to someone found there.
 * The directory's people have addresses Postfix refuses (frank@example.test has no mailbox), so
 * the global set-up adds bob@example.test, who has one.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { issueUserCertificate, pemToDer, type UserCertificate } from '../servers/ldap/directory-certificates';
import type { LdapDirectoryInfo } from '../servers/ldap/ldap-directory';

const run = promisify(execFile);

/**
 * Issues `address` a certificate as the directory's other people have (same CA, same openssl
 * recipe) and loads their entry into the TLS slapd's database with slapadd. The reader the tests
 * bind as may only read and the root DN has no password, so LDAP itself cannot add it; LMDB lets
 * slapadd write while slapd, which only ever reads here, keeps serving.
 */
export async function addDirectoryPerson(directory: Pick<LdapDirectoryInfo, 'dir' | 'baseDn'>, uid: string, address: string): Promise<UserCertificate> {
  const certDir = join(directory.dir, 'certs');
  const ca = { certPath: join(certDir, 'smime-ca.pem'), keyPath: join(certDir, 'smime-ca.key') };
  const person = await issueUserCertificate(certDir, ca, { name: uid, address });
  const ldif = join(certDir, `${uid}.ldif`);
  // RFC 2849: a binary value goes base64 after "::"; unfolded lines are allowed.
  await writeFile(ldif, [
    `dn: uid=${uid},${directory.baseDn}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`, `cn: ${uid}`, `sn: ${uid}`, `mail: ${address}`,
    `userCertificate;binary:: ${pemToDer(person.certPem).toString('base64')}`,
    '',
  ].join('\n'));
  try {
    await run('/usr/sbin/slapadd', ['-f', join(directory.dir, 'slapd-tls', 'slapd.conf'), '-l', ldif]);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`slapadd refused ${address}'s directory entry: ${e.stderr ?? e.message}`);
  }
  return person;
}
