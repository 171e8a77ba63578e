// A tiny detached shell that kills the mail servers and deletes their directory if the Node process
// that started them dies without cleaning up (SIGKILL, SIGTERM, a crashed test worker): it waits for
// EOF on a pipe from us, which the kernel delivers however we die.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

const SCRIPT = `
dir=$1
groups=""
while IFS= read -r line; do
  case "$line" in
    disarm) exit 0 ;;
    pgid\\ *) groups="$groups \${line#pgid }" ;;
  esac
done
for g in $groups; do kill -TERM -$g 2>/dev/null; done
sleep 1
for g in $groups; do kill -KILL -$g 2>/dev/null; done
rm -rf "$dir"
`;

export interface OrphanWatchdog {
  watch(pgid: number): void;
  /** Normal shutdown: the caller cleaned up itself. */
  disarm(): void;
}

export function startOrphanWatchdog(dir: string): OrphanWatchdog {
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'sealmail-mail-watchdog', dir], {
    detached: true, // its own group, so Ctrl-C aimed at us does not kill it first
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  const stdin = child.stdin;
  if (stdin === null) throw new Error('watchdog: no stdin pipe');
  (stdin as unknown as Socket).unref();
  stdin.on('error', () => {}); // the shell may already be gone; nothing to do then
  let armed = true;
  return {
    watch(pgid) {
      if (armed) stdin.write(`pgid ${pgid}\n`);
    },
    disarm() {
      if (!armed) return;
      armed = false;
      stdin.end('disarm\n');
    },
  };
}
