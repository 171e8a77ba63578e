// Makes sure Debian's Dovecot (IMAP + LMTP) and Postfix are installed before the test servers start.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const MAIL_PACKAGES = ['dovecot-imapd', 'dovecot-lmtpd', 'postfix'] as const;
export const APT_INSTALL_COMMAND = `DEBIAN_FRONTEND=noninteractive apt-get install -y ${MAIL_PACKAGES.join(' ')}`;

// One file per package that we actually execute; dovecot-lmtpd is easy to miss because dovecot-core
// alone starts fine until Postfix tries to deliver.
const REQUIRED_FILES = ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap', '/usr/lib/dovecot/lmtp', '/usr/lib/postfix/sbin/master'];

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function missingMailFiles(): string[] {
  return REQUIRED_FILES.filter((f) => !existsSync(f));
}

async function aptInstall(): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // "No configuration" keeps the package from creating and starting a system-wide Postfix on port 25.
  await run('sh', ['-c', 'echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections'], { env });
  // Wait for the dpkg lock rather than fail if another apt run (e.g. CI setup) holds it.
  const install = (): Promise<unknown> =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=120', 'install', '-y', ...MAIL_PACKAGES], { env, maxBuffer: 64 << 20 });
  try {
    await install();
  } catch {
    // A fresh machine may have no package lists yet.
    await run('apt-get', ['update'], { env, maxBuffer: 64 << 20 });
    await install();
  }
}

/** Throws a message naming the exact apt command when the packages are missing and we cannot install them. */
export async function ensureMailPackages(): Promise<void> {
  if (!isRoot()) {
    throw new Error(
      `The e2e mail-server tests need root (Dovecot and Postfix start as root and drop privileges). ` +
        `Run them as root; if the packages are missing, install them with: ${APT_INSTALL_COMMAND}`,
    );
  }
  if (missingMailFiles().length === 0) return;
  try {
    await aptInstall();
  } catch (err) {
    throw new Error(`Installing the mail servers failed (${String(err)}). Run as root: ${APT_INSTALL_COMMAND}`);
  }
  const stillMissing = missingMailFiles();
  if (stillMissing.length > 0) {
    throw new Error(`Still missing ${stillMissing.join(', ')} after running: ${APT_INSTALL_COMMAND}`);
  }
}
