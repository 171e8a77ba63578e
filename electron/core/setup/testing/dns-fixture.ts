/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) for discovery tests: answers SRV questions from
 * a table and says "no such name" to everything else, so Node's real resolver can be pointed at it.
 */
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

export interface SrvAnswer {
  target: string;
  port: number;
  priority?: number;
  weight?: number;
}

export interface DnsFixture {
  /** For Resolver.setServers(). */
  server: string;
  /** Every name asked about, in order. */
  questions: string[];
  close(): Promise<void>;
}

const NXDOMAIN = 3;

export async function startDnsFixture(srv: Record<string, SrvAnswer[]>): Promise<DnsFixture> {
  const socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (message, remote) => {
    let query;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    questions.push(question.name);
    const records = question.type === 'SRV' ? srv[question.name.toLowerCase()] : undefined;
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (records ? 0 : NXDOMAIN),
      questions: [question],
      answers: (records ?? []).map((record) => ({
        type: 'SRV' as const,
        name: question.name,
        ttl: 60,
        data: { target: record.target, port: record.port, priority: record.priority ?? 0, weight: record.weight ?? 0 },
      })),
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
