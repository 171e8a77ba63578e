/**
 * A scripted DNS server on 127.0.0.1, UDP and TCP on one port, for the transport-policy tests: a
 * script decides each answer (records, rcode, AD bit, truncation, garbage, silence, delay), and
 * every query is recorded with its flags. `hold()` keeps all answers back until `release()`, so a
 * test can see which queries arrive before any is answered.
 */
import { createSocket, type RemoteInfo, type Socket as Socket4 } from 'node:dgram';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type Question } from 'dns-packet';

export interface ReceivedQuery {
  id: number;
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  /** CD bit. */
  checkingDisabled: boolean;
  /** DO bit of the OPT record, and its UDP payload size (null without OPT). */
  dnssecOk: boolean;
  udpPayloadSize: number | null;
}

export interface ScriptedAnswer {
  rcode?: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  answers?: Answer[];
  /** Set the AD bit. */
  authenticData?: boolean;
  /** Over UDP, answer with TC set and no records (the full answer only over TCP). */
  truncateOverUdp?: boolean;
  /** Send these bytes instead of an answer. */
  raw?: Buffer;
  /** Say nothing. */
  silent?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** First send a datagram with another id, and one for another question, carrying a decoy answer. */
  decoysFirst?: Answer[];
}

export type DnsScript = (query: ReceivedQuery) => ScriptedAnswer;

export interface ScriptedDns {
  resolver: { host: string; port: number };
  queries: ReceivedQuery[];
  /** Answers sent so far. */
  answered(): number;
  hold(): void;
  release(): void;
  /** Resolves once `count` queries have arrived. */
  whenReceived(count: number): Promise<void>;
  close(): Promise<void>;
}

const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

export async function startScriptedDns(script: DnsScript, host = '127.0.0.1'): Promise<ScriptedDns> {
  const queries: ReceivedQuery[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let held: (() => void)[] | null = null;
  let answered = 0;
  const tcpSockets = new Set<Socket>();

  const handle = (bytes: Buffer, transport: 'udp' | 'tcp', send: (reply: Buffer) => void) => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(bytes);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const opt = query.additionals?.find((record) => record.type === 'OPT');
    const received: ReceivedQuery = {
      id: query.id ?? 0,
      name: question.name,
      type: question.type,
      transport,
      checkingDisabled: query.flag_cd,
      dnssecOk: opt !== undefined && opt.type === 'OPT' && (opt.flags & dnsPacket.DNSSEC_OK) !== 0,
      udpPayloadSize: opt !== undefined && opt.type === 'OPT' ? opt.udpPayloadSize : null,
    };
    queries.push(received);
    for (const waiter of waiters.filter((w) => queries.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const scripted = script(received);
    const answer = () => {
      if (scripted.silent) return;
      answered++;
      if (scripted.raw) {
        send(scripted.raw);
        return;
      }
      for (const decoy of transport === 'udp' ? decoyReplies(query, question, scripted.decoysFirst) : []) send(decoy);
      send(reply(query, question, scripted, transport));
    };
    const later = () => (scripted.delayMs ? setTimeout(answer, scripted.delayMs) : answer());
    if (held) held.push(later);
    else later();
  };

  const tcp = createServer((socket) => {
    tcpSockets.add(socket);
    socket.on('close', () => tcpSockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        handle(message, 'tcp', (out) => {
          if (socket.destroyed) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(out.length);
          socket.write(Buffer.concat([length, out]));
        });
      }
    });
  });
  // UDP and TCP on one port: a free UDP port can be taken for TCP, so then both try another.
  let udp: Socket4 | null = null;
  for (let attempt = 1; !udp; attempt++) {
    const candidate = createSocket('udp4');
    candidate.on('message', (bytes, remote: RemoteInfo) => handle(bytes, 'udp', (out) => candidate.send(out, remote.port, remote.address)));
    await new Promise<void>((resolve) => candidate.bind(0, host, resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(candidate.address().port, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      udp = candidate;
    } catch (error) {
      await new Promise<void>((resolve) => candidate.close(() => resolve()));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
    }
  }
  const bound = udp;

  return {
    resolver: { host, port: (tcp.address() as AddressInfo).port },
    queries,
    answered: () => answered,
    hold: () => {
      held ??= [];
    },
    release: () => {
      const pending = held ?? [];
      held = null;
      for (const run of pending) run();
    },
    whenReceived: (count) =>
      queries.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      for (const socket of tcpSockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => bound.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

function reply(query: DecodedPacket, question: Question, scripted: ScriptedAnswer, transport: 'udp' | 'tcp'): Buffer {
  const truncated = transport === 'udp' && scripted.truncateOverUdp === true;
  const flags =
    dnsPacket.RECURSION_AVAILABLE |
    (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) |
    (query.flag_cd ? dnsPacket.CHECKING_DISABLED : 0) |
    (scripted.authenticData ? dnsPacket.AUTHENTIC_DATA : 0) |
    (truncated ? dnsPacket.TRUNCATED_RESPONSE : 0) |
    RCODES[scripted.rcode ?? 'NOERROR'];
  return dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags,
    questions: [question],
    answers: truncated ? [] : (scripted.answers ?? []),
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: dnsPacket.DNSSEC_OK, flag_do: true, options: [] }],
  });
}

/** A reply with another id, and one with the right id for another question: both must be ignored. */
function decoyReplies(query: DecodedPacket, question: Question, decoys: Answer[] | undefined): Buffer[] {
  if (!decoys) return [];
  const base = { type: 'response' as const, flags: dnsPacket.AUTHENTIC_DATA | dnsPacket.RECURSION_AVAILABLE, answers: decoys };
  return [
    dnsPacket.encode({ ...base, id: ((query.id ?? 0) + 1) & 0xffff, questions: [question] }),
    dnsPacket.encode({ ...base, id: query.id, questions: [{ ...question, name: `decoy.${question.name}` }] }),
  ];
}
