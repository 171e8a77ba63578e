// Waits until a DNS server gives the answer a check wants: "the port is open" proves nothing for
// UDP, and an answer that is there but not yet validated is not ready either.
import type { RecordType } from 'dns-packet';
import { queryDns, type DnsReply, type DnsServerAddress } from './dns-query.js';

/**
 * Repeats the query until `accept` says yes, the deadline passes, or `abort` settles (the daemon
 * died). The last reply or error is part of the failure, so it explains itself.
 */
export async function waitForDns(
  server: DnsServerAddress, name: string, type: RecordType, accept: (reply: DnsReply) => boolean,
  abort: Promise<string>, timeoutMs = 15000,
): Promise<void> {
  let aborted: string | undefined;
  void abort.then((reason) => { aborted = reason; });
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt made';
  while (Date.now() < deadline) {
    if (aborted !== undefined) throw new Error(`${aborted} before ${server.host}:${server.port} answered`);
    try {
      const reply = await queryDns(server, name, type, { timeoutMs: 500 });
      if (accept(reply)) return;
      last = `got ${reply.rcode} (aa=${String(reply.aa)}, ad=${String(reply.ad)}, ${reply.answers.length} answers)`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${server.host}:${server.port} gave no acceptable answer to ${name} ${type} within ${timeoutMs} ms: ${last}`);
}
