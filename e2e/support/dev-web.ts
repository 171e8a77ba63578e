/**
 * Starts `dev:web` (the loopback bridge serving the built renderer) as a child process with its own
 * profile, trusting the given CAs, and hands back the address it prints, token included. The global
 * set-up starts one to share; a spec that needs a profile of its own (certificates, an account set
 * up its own way) starts another.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface DevWeb {
  url: string;
  stop(): Promise<void>;
}

export async function startDevWeb(options: { profileDir: string; caPaths: string[] }): Promise<DevWeb> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/devserver/main.ts', ...options.caPaths.flatMap((path) => ['--ca', path]), '--profile', options.profileDir],
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
