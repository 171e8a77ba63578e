/**
 * Opens a sign-in page in the person's own browser from the CLI and the dev server (Electron uses
 * shell.openExternal). The address is always printed as well, so signing in works where no opener
 * exists (a server over SSH) and nothing depends on the opener's exit code.
 */
import { spawn } from 'node:child_process';

export function systemBrowserOpener(print: (line: string) => void): (url: string) => Promise<void> {
  return async (url) => {
    print(`Open this address in your browser to sign in:\n${url}`);
    const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['explorer.exe', url] : ['xdg-open', url];
    // No shell: the URL is one argument, never parsed as a command line.
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  };
}
