/**
 * The one list of Debian packages the tests and benchmarks drive, and the pure decision of what to
 * do about the ones missing. `npm test` (scripts/run-tests.ts), the mail-server setup of a suite run
 * alone and `npm run bench` all read it; .ci/run keeps no list of its own.
 */

/** Where Playwright, the UI benchmark and the screenshots find Debian's Chromium. */
export const CHROMIUM = process.env.SEALMAIL_CHROMIUM ?? '/usr/bin/chromium';

export type PackageUse = 'mail-servers' | 'browser' | 'smime-peers' | 'dns-servers' | 'directory';

export interface SystemPackage {
  name: string;
  /** Files the tests execute; one missing means the package must be installed. */
  files: string[];
  use: PackageUse;
}

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  // dovecot-lmtpd is easy to miss: dovecot-core alone starts fine until Postfix tries to deliver.
  { name: 'dovecot-core', files: ['/usr/sbin/dovecot'], use: 'mail-servers' },
  { name: 'dovecot-imapd', files: ['/usr/lib/dovecot/imap'], use: 'mail-servers' },
  { name: 'dovecot-lmtpd', files: ['/usr/lib/dovecot/lmtp'], use: 'mail-servers' },
  { name: 'postfix', files: ['/usr/lib/postfix/sbin/master'], use: 'mail-servers' },
  { name: 'chromium', files: [CHROMIUM], use: 'browser' },
  { name: 'openssl', files: ['/usr/bin/openssl'], use: 'smime-peers' },
  { name: 'gpgsm', files: ['/usr/bin/gpgsm'], use: 'smime-peers' },
  // The gpgsm peer's home is made with gpg, gpgconf and ssh-keygen (testing/gpgsm-home.ts).
  { name: 'gpg', files: ['/usr/bin/gpg'], use: 'smime-peers' },
  { name: 'gpgconf', files: ['/usr/bin/gpgconf'], use: 'smime-peers' },
  { name: 'openssh-client', files: ['/usr/bin/ssh-keygen'], use: 'smime-peers' },
  // NSS's cmsutil is the engine Thunderbird uses; certutil and pk12util make its database.
  { name: 'libnss3-tools', files: ['/usr/bin/cmsutil', '/usr/bin/certutil', '/usr/bin/pk12util'], use: 'smime-peers' },
  // The DNS world of the MTA-STS and DANE tests (e2e/servers/dns): BIND serves a zone signed at test
  // start with bind9-utils' tools, unbound validates it.
  { name: 'bind9', files: ['/usr/sbin/named'], use: 'dns-servers' },
  { name: 'bind9-utils', files: ['/usr/bin/dnssec-keygen', '/usr/bin/dnssec-signzone'], use: 'dns-servers' },
  { name: 'unbound', files: ['/usr/sbin/unbound'], use: 'dns-servers' },
  // The LDAP directory of the certificate look-up tests (e2e/servers/ldap): slapd, loaded with slapadd.
  { name: 'slapd', files: ['/usr/sbin/slapd', '/usr/sbin/slapadd'], use: 'directory' },
];

/** The packages of `uses` with a file missing, in list order. */
export function missingPackages(exists: (path: string) => boolean, uses?: readonly PackageUse[]): string[] {
  return SYSTEM_PACKAGES.filter((p) => !uses || uses.includes(p.use))
    .filter((p) => p.files.some((file) => !exists(file)))
    .map((p) => p.name);
}

export function aptInstallCommand(packages: readonly string[]): string {
  return `sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(' ')}`;
}

export type SetupPlan =
  | { action: 'ready' }
  | { action: 'install'; packages: string[] }
  | { action: 'stop'; sentence: string };

/**
 * What to do before any test runs. Dovecot and Postfix start as root and drop privileges, so a run
 * that starts them needs root whether or not anything is missing; root installs what is missing.
 */
export function planSystemSetup(missing: readonly string[], root: boolean): SetupPlan {
  if (!root && missing.length > 0) {
    return { action: 'stop', sentence: `The tests need the Debian packages ${missing.join(', ')}; install them with \`${aptInstallCommand(missing)}\`, then run \`sudo npm test\`.` };
  }
  if (!root) {
    return { action: 'stop', sentence: 'The tests start Dovecot and Postfix on 127.0.0.1, which needs root: run `sudo npm test`.' };
  }
  return missing.length > 0 ? { action: 'install', packages: [...missing] } : { action: 'ready' };
}
