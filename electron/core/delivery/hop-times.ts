/**
 * Received times must run forwards: each server stamps its field when it takes the message, after
 * the server before it did. Clocks drift, so a few minutes backwards are normal; a hop stamped more
 * than 15 minutes after the next server's stamp is one whose field was written out of order (or
 * made up), and it is kept but shown as unreadable.
 */
import type { ParsedReceived } from './parse-received';

export const ALLOWED_CLOCK_SKEW_MS = 15 * 60_000;

export const TIME_AFTER_NEXT = "Its time is more than 15 minutes after the next server's.";

/**
 * Marks, in travel order, each readable hop whose time is after the next readable hop's by more
 * than the skew. It is compared with the nearest later hop that has a time and was not marked
 * itself, so one wild stamp does not condemn the honest hops before it.
 */
export function markTimesOutOfOrder(hops: readonly ParsedReceived[]): ParsedReceived[] {
  const marked = [...hops];
  let next: number | null = null;
  for (let i = marked.length - 1; i >= 0; i--) {
    const hop = marked[i]!;
    if (hop.unreadable !== null || hop.time === null) continue;
    const time = Date.parse(hop.time);
    if (next !== null && time - next > ALLOWED_CLOCK_SKEW_MS) {
      marked[i] = { ...hop, unreadable: TIME_AFTER_NEXT };
      continue;
    }
    next = time;
  }
  return marked;
}
