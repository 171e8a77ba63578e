/**
 * The test Dovecot stands in for a mail server on another machine, but here it shares two cores
 * with the app. While a UI figure is measured its session is put last in line for the CPU (the
 * nice value of a Linux autogroup, which is what weighs one session against another), so that the
 * frames measure the app and not the server's work on the same cores. The app's own work (the
 * core, its writer thread, the renderer) keeps its usual priorities.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Lowers the server's session to nice 19; returns what puts it back. Says so and changes nothing where /proc does not allow it. */
export function serverAsIfRemote(serverPid: number, log: (line: string) => void): () => void {
  const file = `/proc/${serverPid}/autogroup`;
  let before: string;
  try {
    before = /nice (-?\d+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? '0';
    writeFileSync(file, '19');
  } catch (err) {
    log(`the mail server keeps its CPU share (${err instanceof Error ? err.message : String(err)}): frames include its work`);
    return () => undefined;
  }
  return () => {
    try {
      writeFileSync(file, before);
    } catch {
      // The server has stopped meanwhile: nothing to put back.
    }
  };
}
