/**
 * Starts what the browser tests drive: the test mail servers (unless SEALMAIL_TEST_SERVERS names
 * running ones) and `dev:web` itself as a child process, trusting the test CA. The address it prints,
 * token included, is handed to the tests in SEALMAIL_WEB_URL.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readServersInfo, startMailServers, writeServersInfo } from '../servers/mail-servers';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
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

  const devServer = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/devserver/main.ts', '--ca', servers.caCertPath, '--profile', join(work, 'profile')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(async () => {
    if (devServer.exitCode === null) {
      const exited = new Promise((resolve) => devServer.once('exit', resolve));
      devServer.kill('SIGTERM');
      await exited;
    }
  });

  process.env.SEALMAIL_WEB_URL = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: devServer.stdout! });
    lines.on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) resolve(line.trim());
    });
    devServer.once('exit', (code) => reject(new Error(`dev:web exited early with code ${code}`)));
  });

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
}
