/**
 * One question to one resolver: UDP first, TCP when the UDP answer is truncated (RFC 7766 §5,
 * RFC 1035 §4.2.2: over TCP each message is prefixed with its two-byte length). Datagrams that
 * are not the answer to this query (another id or question) are ignored, as RFC 5452 §9.1 asks;
 * bytes that are not DNS at all, or silence, end the exchange with a sentence saying so.
 */
import { createSocket } from 'node:dgram';
import { connect, isIP } from 'node:net';
import { seconds } from './seconds';
import { answersQuery, decodeMessage, encodeQuery, isTruncatedHeaderFor, toWireAnswer, type WireAnswer, type WireQuery } from './dns-wire';

export interface ResolverAddress {
  /** An IP address: a name here would need a resolver to find the resolver. */
  host: string;
  port: number;
}

/** A failure to get an answer at all, in words a person can read. */
export class DnsError extends Error {
  constructor(message: string, readonly reason: 'timeout' | 'garbage' | 'network') {
    super(message);
    this.name = 'DnsError';
  }
}

export function describeResolver(resolver: ResolverAddress): string {
  const host = isIP(resolver.host) === 6 ? `[${resolver.host}]` : resolver.host;
  return resolver.port === 53 ? host : `${host}:${resolver.port}`;
}

/** Asks `resolver` once, within `timeoutMs` for UDP and TCP together. */
export async function exchange(resolver: ResolverAddress, query: WireQuery, timeoutMs: number): Promise<WireAnswer> {
  if (isIP(resolver.host) === 0) {
    throw new DnsError(`the DNS server "${resolver.host}" is not an IP address`, 'network');
  }
  const deadline = Date.now() + timeoutMs;
  const viaUdp = await udpExchange(resolver, query, deadline, timeoutMs);
  if (viaUdp !== 'truncated') return viaUdp;
  return tcpExchange(resolver, query, deadline, timeoutMs);
}

function timeoutError(resolver: ResolverAddress, timeoutMs: number): DnsError {
  return new DnsError(`the DNS server at ${describeResolver(resolver)} did not answer within ${seconds(timeoutMs)}`, 'timeout');
}

function garbageError(resolver: ResolverAddress): DnsError {
  return new DnsError(`the DNS server at ${describeResolver(resolver)} answered something that is not DNS`, 'garbage');
}

function networkError(resolver: ResolverAddress, error: Error): DnsError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ECONNREFUSED' ? 'refused the connection' : `could not be reached (${code ?? error.message})`;
  return new DnsError(`the DNS server at ${describeResolver(resolver)} ${why}`, 'network');
}

function udpExchange(resolver: ResolverAddress, query: WireQuery, deadline: number, timeoutMs: number): Promise<WireAnswer | 'truncated'> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIP(resolver.host) === 6 ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(() => reject(timeoutError(resolver, timeoutMs))), Math.max(0, deadline - Date.now()));
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      settle();
    };
    socket.on('error', (error) => finish(() => reject(networkError(resolver, error))));
    socket.on('message', (bytes) => {
      if (isTruncatedHeaderFor(bytes, query)) {
        const decoded = decodeMessage(bytes);
        if (decoded === null || answersQuery(decoded, query)) finish(() => resolve('truncated'));
        return;
      }
      const message = decodeMessage(bytes);
      if (message === null) {
        finish(() => reject(garbageError(resolver)));
        return;
      }
      if (!answersQuery(message, query)) return;
      finish(() => resolve(toWireAnswer(message)));
    });
    // A connected socket only receives datagrams from the resolver's address and port.
    socket.connect(resolver.port, resolver.host, () => {
      if (!done) socket.send(encodeQuery(query));
    });
  });
}

function tcpExchange(resolver: ResolverAddress, query: WireQuery, deadline: number, timeoutMs: number): Promise<WireAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: resolver.host, port: resolver.port });
    const timer = setTimeout(() => finish(() => reject(timeoutError(resolver, timeoutMs))), Math.max(0, deadline - Date.now()));
    let done = false;
    let received = Buffer.alloc(0);
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      settle();
    };
    socket.on('connect', () => {
      const message = encodeQuery(query);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      socket.write(Buffer.concat([length, message]));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      while (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
        const bytes = received.subarray(2, 2 + received.readUInt16BE(0));
        received = received.subarray(2 + bytes.length);
        const message = decodeMessage(bytes);
        if (message === null) {
          finish(() => reject(garbageError(resolver)));
          return;
        }
        if (answersQuery(message, query)) {
          finish(() => resolve(toWireAnswer(message)));
          return;
        }
      }
    });
    socket.on('error', (error) => finish(() => reject(networkError(resolver, error))));
    socket.on('close', () =>
      finish(() => reject(new DnsError(`the DNS server at ${describeResolver(resolver)} closed the TCP connection without answering`, 'network'))),
    );
  });
}
