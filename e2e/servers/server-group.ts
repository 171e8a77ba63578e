/**
 * What every set of test servers shares: a temp dir with its processes, stopped once and removed
 * (also, synchronously, when the test process exits), readiness probes whose failure carries the
 * server's log tail, and a fresh try when a port chosen free was taken before a daemon bound it.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
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
 * How to tell, after a failed start, that a port was taken: the daemon's own words in its log, or
 * (for a daemon that dies before it can log anything, like Postfix's master when its bind fails)
 * the ports it was to listen on, tried once it has exited.
 */
export interface PortTakenEvidence {
  log?: RegExp;
  ports?: readonly number[];
}

/** Whether some process other than the (exited) daemon holds one of these loopback ports. */
export async function anyPortTaken(ports: readonly number[]): Promise<boolean> {
  for (const port of ports) {
    const taken = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE'));
      probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(false)));
    });
    if (taken) return true;
  }
  return false;
}

/**
 * Waits for the readiness probes; on failure the error carries the server's log tail, and says
 * whether the port was taken (`portInUse`), which `retryWhenPortTaken` answers with fresh ports.
 */
export async function ready(server: ServerProcess, probes: Promise<void> | Promise<void>[], { log = /address already in use/i, ports = [] }: PortTakenEvidence = {}): Promise<void> {
  try {
    await Promise.all(Array.isArray(probes) ? probes : [probes]);
  } catch (err) {
    const tail = server.logTail();
    // A daemon still running holds its own ports; only an exited one lets the ports speak.
    const portInUse = log.test(tail) || (server.hasExited() && await anyPortTaken(ports));
    throw new StartupError(`${server.name} failed to start: ${err instanceof Error ? err.message : String(err)}\n${tail}`, portInUse);
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
