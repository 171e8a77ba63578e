/**
 * What every set of test servers shares: a temp dir with its processes, stopped once and removed
 * (also, synchronously, when the test process exits), readiness probes whose failure carries the
 * server's log tail, and a fresh try when a port chosen free was taken before a daemon bound it.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { startOrphanWatchdog } from './orphan-watchdog.js';
import type { ServerProcess } from './server-process.js';

// Safety net: whatever is still running when this process exits gets killed synchronously.
const running = new Set<{ processes: ServerProcess[]; dir: string }>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const r of running) {
      for (const p of r.processes) p.killNow();
      rmSync(r.dir, { recursive: true, force: true });
    }
  });
}

export class StartupError extends Error {
  constructor(message: string, readonly portInUse: boolean) {
    super(message);
  }
}

export interface ServerGroup {
  /** Adds a started server to the group (stopped with it, watched for orphans). */
  started(server: ServerProcess): ServerProcess;
  /** Stops every server, then `also` (e.g. an in-process server), and removes the dir; idempotent. */
  stop(): Promise<void>;
}

/** A group of servers living in `dir`; `also` is closed with them. */
export function serverGroup(dir: string, also: () => Promise<unknown> = async () => undefined): ServerGroup {
  const watchdog = startOrphanWatchdog(dir);
  const entry = { processes: [] as ServerProcess[], dir };
  running.add(entry);
  installExitHook();
  let stopping: Promise<void> | undefined;
  return {
    started(server) {
      entry.processes.push(server);
      watchdog.watch(server.pid);
      return server;
    },
    stop() {
      stopping ??= (async () => {
        await Promise.all([...entry.processes.map((p) => p.stop()), also()]);
        await rm(dir, { recursive: true, force: true });
        running.delete(entry);
        watchdog.disarm();
      })();
      return stopping;
    },
  };
}

/**
 * Waits for the readiness probes; on failure the error carries the server's log tail, and says
 * whether the log reads like a port taken (`portInUse` matches the daemon's own words).
 */
export async function ready(server: ServerProcess, probes: Promise<void> | Promise<void>[], portInUse: RegExp = /address already in use/i): Promise<void> {
  try {
    await Promise.all(Array.isArray(probes) ? probes : [probes]);
  } catch (err) {
    const tail = server.logTail();
    throw new StartupError(`${server.name} failed to start: ${err instanceof Error ? err.message : String(err)}\n${tail}`, portInUse.test(tail));
  }
}

/** Ports are free when chosen but could be taken before the daemons bind; then try fresh ones. */
export async function retryWhenPortTaken<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof StartupError && err.portInUse) || attempt >= attempts) throw err;
    }
  }
}
