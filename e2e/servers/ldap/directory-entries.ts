// The LDIF the test directory is loaded with (slapadd): the base, a reader to bind as, and one
// person per look-up case. Binary values go base64 (`attr:: ...`, RFC 2849).

export const BASE_DN = 'dc=example,dc=test';
export const BIND_DN = `cn=reader,${BASE_DN}`;

export interface PersonEntry {
  uid: string;
  mail: string;
  /** DER values of userCertificate;binary. */
  userCertificates?: readonly Buffer[];
  /** DER values of userSMIMECertificate (PKCS#7, or anything a hostile directory stores there). */
  smimeCertificates?: readonly Buffer[];
}

function wrap(line: string): string {
  // RFC 2849: lines may be folded; a continuation starts with one space.
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += 76) parts.push((i === 0 ? '' : ' ') + line.slice(i, i + 76));
  return parts.join('\n');
}

function entry(lines: readonly string[]): string {
  return lines.map(wrap).join('\n') + '\n';
}

export function directoryLdif(bindPassword: string, people: readonly PersonEntry[]): string {
  const base = entry([
    `dn: ${BASE_DN}`, 'objectClass: top', 'objectClass: dcObject', 'objectClass: organization', 'dc: example', 'o: Example',
  ]);
  const reader = entry([
    `dn: ${BIND_DN}`, 'objectClass: person', 'objectClass: simpleSecurityObject', 'cn: reader', 'sn: reader', `userPassword: ${bindPassword}`,
  ]);
  const persons = people.map((p) => entry([
    `dn: uid=${p.uid},${BASE_DN}`,
    'objectClass: inetOrgPerson',
    `uid: ${p.uid}`, `cn: ${p.uid}`, `sn: ${p.uid}`, `mail: ${p.mail}`,
    ...(p.userCertificates ?? []).map((der) => `userCertificate;binary:: ${der.toString('base64')}`),
    ...(p.smimeCertificates ?? []).map((der) => `userSMIMECertificate:: ${der.toString('base64')}`),
  ]));
  return [base, reader, ...persons].join('\n');
}
