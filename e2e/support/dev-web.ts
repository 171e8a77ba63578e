/**
 * Starts `dev:web` (the loopback bridge serving the built renderer) as a child process with its own
 * profile, trusting the given CAs, and hands back the address it prints, token included. The global
 * set-up starts one to share; a spec that needs a profile of its own (certificates, an account set
 * up its own way) starts another.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readTestDirectory } from './test-directory';

export interface DevWeb {
  url: string;
  stop(): Promise<void>;
}

/**
 * The loopback DNS world the global set-up started (SEALMAIL_TEST_DNS: resolver HOST:PORT and the
 * policy server's port and the CA of its certificates). Every dev:web of the tests gets it, so no recipient lookup ever reaches
 * the system's resolver.
 */
function testDnsArgs(): string[] {
  const dns = process.env.SEALMAIL_TEST_DNS;
  if (!dns) throw new Error('SEALMAIL_TEST_DNS is not set: the Playwright global set-up starts the loopback DNS world and sets it.');
  const { resolver, policyHttpsPort, caPath } = JSON.parse(dns) as { resolver: string; policyHttpsPort: number; caPath: string };
  return ['--dns', resolver, '--policy-https-port', String(policyHttpsPort), '--ca', caPath];
}

/** The TLS CA of the test directory the global set-up started (SEALMAIL_TEST_LDAP), trusted by every dev:web of the tests. */
function testDirectoryArgs(): string[] {
  return ['--ca', readTestDirectory().caCertPath];
}

/** `args`: more of dev:web's own options (an oauth.json, a sign-in log). */
export async function startDevWeb(options: { profileDir: string; caPaths: string[]; args?: string[] }): Promise<DevWeb> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/devserver/main.ts', ...options.caPaths.flatMap((path) => ['--ca', path]), '--profile', options.profileDir, ...testDnsArgs(), ...testDirectoryArgs(), ...(options.args ?? [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) resolve(line.trim());
      });
      child.once('exit', (code) => reject(new Error(`dev:web exited early with code ${code}`)));
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
