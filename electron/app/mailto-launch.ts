/**
 * Sealmail as the system's mail handler: a mailto: link arrives on the command line (Linux,
 * Windows: first launch, or a second launch forwarded by the single-instance lock) or as macOS's
 * 'open-url'. Each becomes a parsed, safe `composeRequested` event for the window.
 */
import { parseMailto, type ComposeRequest } from '../../shared/mailto';

/** The mailto: link among command-line arguments, if any (the last one wins, as the newest). */
export function findMailtoArgument(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const argument = argv[i];
    if (argument !== undefined && /^mailto:/i.test(argument)) return argument;
  }
  return null;
}

/**
 * Turns a mailto: link into a compose request and hands it on; anything unreadable is dropped,
 * since nothing sensible can be composed from it.
 *
 * @returns whether a request was handed on
 */
export function requestComposeFromLink(link: string | null, compose: (request: ComposeRequest) => void): boolean {
  const request = link === null ? null : parseMailto(link);
  if (request === null) return false;
  compose(request);
  return true;
}
