// Runs one mail daemon in the foreground as its own process group, with output in a log file,
// and stops the whole group (the daemons fork many helpers that must not outlive a test run).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';

export interface ServerProcess {
  readonly name: string;
  /** Also the process-group id: the daemon is spawned detached, i.e. as a group leader. */
  readonly pid: number;
  readonly logFiles: readonly string[];
  /** Settles (never rejects) when the daemon exits, with a human-readable reason. */
  readonly exited: Promise<string>;
  hasExited(): boolean;
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
  logTail(lines?: number): string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Live (non-zombie) members of a process group, read from /proc. Zombies are left for init to reap. */
export function liveGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Fields after the parenthesised command name: state ppid pgrp ...
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(rest[2]) === pgid && rest[0] !== 'Z') members.push(Number(entry));
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(25);
  }
  return condition();
}

function tailOf(file: string, lines: number): string {
  if (!existsSync(file)) return `(${file} does not exist)`;
  const text = readFileSync(file, 'utf8').trimEnd().split('\n');
  return text.slice(-lines).join('\n');
}

export function startServerProcess(
  name: string,
  command: string,
  args: readonly string[],
  outputLog: string,
  otherLogs: readonly string[] = [],
): ServerProcess {
  // A file, not a pipe: the daemon must not get SIGPIPE if this Node process dies first.
  const out = openSync(outputLog, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  // Never keep the test runner alive just because servers run; the 'exit' safety net stops them.
  child.unref();

  let exitedFlag = false;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => {
      exitedFlag = true;
      resolve(`${name} could not be spawned: ${err.message}`);
    });
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      resolve(`${name} exited (code ${String(code)}, signal ${String(signal)})`);
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: spawn of ${command} failed`);

  let stopping: Promise<void> | undefined;
  const logFiles = [...otherLogs, outputLog];

  return {
    name,
    pid,
    logFiles,
    exited,
    hasExited: () => exitedFlag,
    stop() {
      stopping ??= (async () => {
        signalGroup(pid, 'SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (await waitUntil(() => liveGroupMembers(pid).length === 0, 5000)) return;
        signalGroup(pid, 'SIGKILL');
        await waitUntil(() => liveGroupMembers(pid).length === 0, 2000);
      })();
      return stopping;
    },
    killNow() {
      signalGroup(pid, 'SIGKILL');
    },
    logTail(lines = 25) {
      return logFiles.map((f) => `--- ${f}\n${tailOf(f, lines)}`).join('\n');
    },
  };
}
