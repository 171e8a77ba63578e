// CLI: `npx tsx e2e/servers/run-mail-servers.ts [--info FILE] [--no-seed]` keeps test mail servers
// running in the foreground (for Playwright or manual poking), prints their info JSON on one line,
// and removes everything on SIGINT/SIGTERM.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startMailServers, writeServersInfo } from './mail-servers.js';

function parseArgs(argv: readonly string[]): { infoFile?: string; seed: boolean } {
  let infoFile: string | undefined;
  let seed = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--info') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--info needs a file name');
      infoFile = resolve(value);
    } else if (arg === '--no-seed') {
      seed = false;
    } else {
      throw new Error(`unknown argument ${String(arg)}; usage: run-mail-servers.ts [--info FILE] [--no-seed]`);
    }
  }
  return { infoFile, seed };
}

async function main(): Promise<void> {
  const { infoFile, seed } = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  const servers = await startMailServers({ seed });
  const { stop, ...info } = servers;
  if (infoFile) writeServersInfo(info, infoFile);
  process.stdout.write(JSON.stringify(info) + '\n');
  process.stderr.write(`mail servers ready in ${Date.now() - startedAt} ms; Ctrl-C or SIGTERM stops them\n`);

  // Server children are unref'd, so something must keep this process alive until a signal.
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping mail servers\n`);
    void stop().finally(() => {
      if (infoFile) rmSync(infoFile, { force: true });
      clearInterval(keepAlive);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
