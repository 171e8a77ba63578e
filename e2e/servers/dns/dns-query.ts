// A minimal DNS-over-UDP stub for tests: one question to one loopback server, the raw header bits
// (AD, CD, rcode) kept, because those bits are exactly what the DNSSEC checks are about.
import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import dnsPacket, { type Answer, type RecordType } from 'dns-packet';

export interface DnsServerAddress { host: string; port: number }

export interface DnsQueryOptions {
  /** Checking Disabled (RFC 4035 §3.2.2): the resolver returns data even when validation fails. */
  cd?: boolean;
  /** Sets the DO bit so RRSIGs come back too. */
  dnssecOk?: boolean;
  timeoutMs?: number;
}

export interface DnsReply {
  rcode: string;          // 'NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED', ...
  ad: boolean;            // Authenticated Data: the resolver validated the answer (RFC 4035 §3.2.3)
  cd: boolean;
  aa: boolean;
  answers: Answer[];
  authorities: Answer[];
}

/** Refuses anything but 127.0.0.0/8: tests must never send a packet off this machine. */
export function assertLoopback(host: string): void {
  if (!isIPv4(host) || !host.startsWith('127.')) throw new Error(`refusing to send DNS to ${host}: tests talk to 127.0.0.0/8 only`);
}

/** Sends one query over UDP and decodes the reply; rejects on timeout or a truncated reply. */
export async function queryDns(
  server: DnsServerAddress, name: string, type: RecordType, opts: DnsQueryOptions = {},
): Promise<DnsReply> {
  assertLoopback(server.host);
  const id = Math.floor(Math.random() * 0x10000);
  // AD in a query asks the resolver to report validation in AD even without DO (RFC 6840 §5.7).
  let flags = dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA;
  if (opts.cd) flags |= dnsPacket.CHECKING_DISABLED;
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags,
    questions: [{ type, name, class: 'IN' }],
    additionals: [{
      type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0,
      flags: opts.dnssecOk ? dnsPacket.DNSSEC_OK : 0, flag_do: opts.dnssecOk === true, options: [],
    }],
  });
  const socket = createSocket('udp4');
  try {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const timeoutMs = opts.timeoutMs ?? 5000;
      const timer = setTimeout(() => reject(new Error(`no DNS reply for ${name} ${type} from ${server.host}:${server.port} within ${timeoutMs} ms`)), timeoutMs);
      socket.on('error', (err) => { clearTimeout(timer); reject(err); });
      socket.on('message', (msg) => {
        if (msg.length < 2 || msg.readUInt16BE(0) !== id) return; // not ours
        clearTimeout(timer);
        resolve(msg);
      });
      socket.bind({ address: '127.0.0.1', port: 0 }, () => socket.send(query, server.port, server.host));
    });
    const decoded = dnsPacket.decode(reply);
    if (decoded.flag_tc) throw new Error(`DNS reply for ${name} ${type} was truncated`);
    return {
      // The typings omit rcode, which decode() does set.
      rcode: (decoded as unknown as { rcode: string }).rcode,
      ad: decoded.flag_ad,
      cd: decoded.flag_cd,
      aa: decoded.flag_aa,
      answers: decoded.answers ?? [],
      authorities: decoded.authorities ?? [],
    };
  } finally {
    socket.close();
  }
}
