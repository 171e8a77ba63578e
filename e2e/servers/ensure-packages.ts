// Installs the Debian packages of scripts/system-packages.ts that are missing, as root, before a
// suite drives them; anyone else gets the one sentence naming the apt command, before anything runs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { aptInstallCommand, missingPackages, planSystemSetup, type PackageUse } from '../../scripts/system-packages';

const run = promisify(execFile);

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function aptInstall(packages: string[]): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // "No configuration" keeps the package from creating and starting a system-wide Postfix on port 25.
  await run('sh', ['-c', 'echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections'], { env });
  // Wait for the dpkg lock rather than fail if another apt run holds it.
  const install = (): Promise<unknown> =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=120', 'install', '-y', '-q', ...packages], { env, maxBuffer: 64 << 20 });
  try {
    await install();
  } catch {
    // A fresh machine may have no package lists yet.
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=120', 'update', '-q'], { env, maxBuffer: 64 << 20 });
    await install();
  }
}

/**
 * Makes sure the packages for `uses` (all of them by default) are there, installing what is missing
 * when root. Throws one sentence a person can act on otherwise.
 */
export async function ensureSystemPackages(uses?: readonly PackageUse[], log: (line: string) => void = () => {}): Promise<void> {
  const plan = planSystemSetup(missingPackages(existsSync, uses), isRoot());
  if (plan.action === 'ready') return;
  if (plan.action === 'stop') throw new Error(plan.sentence);
  log(`Installing ${plan.packages.join(', ')} from Debian for the tests…`);
  try {
    await aptInstall(plan.packages);
  } catch (err) {
    throw new Error(`Installing ${plan.packages.join(', ')} failed (${String(err).split('\n')[0]}); run \`${aptInstallCommand(plan.packages)}\` and look at what apt says.`);
  }
  const stillMissing = missingPackages(existsSync, uses);
  if (stillMissing.length > 0) throw new Error(`${stillMissing.join(', ')} still missing after \`${aptInstallCommand(stillMissing)}\`.`);
}

/** Dovecot (IMAP + LMTP) and Postfix, for the test mail servers. */
export function ensureMailPackages(): Promise<void> {
  return ensureSystemPackages(['mail-servers']);
}

/** BIND, its signing tools and unbound, for the loopback DNS world (e2e/servers/dns). */
export function ensureDnsPackages(): Promise<void> {
  return ensureSystemPackages(['dns-servers']);
}
