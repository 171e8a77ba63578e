// A scripted LDAP server on 127.0.0.1 that records every byte: when it refuses StartTLS (or hangs
// up instead of answering), Sealmail has sent the StartTLS request and nothing else: no bind DN,
// no password, no recipient's address, and no second, plain connection.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupInDirectory } from './lookup-in-directory';

const STARTTLS_OID = '1.3.6.1.4.1.1466.20037';

type Behaviour = 'refuse' | 'hang-up' | 'silent';

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server?.close(r));
  server = undefined;
});

async function hostileDirectory(behaviour: Behaviour): Promise<{ port: number; received: () => Buffer; connections: () => number }> {
  const chunks: Buffer[] = [];
  let connections = 0;
  const sockets: Socket[] = [];
  server = createServer((socket) => {
    connections++;
    sockets.push(socket);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (behaviour === 'hang-up') socket.destroy();
      if (behaviour === 'refuse') {
        // ExtendedResponse (RFC 4511 §4.12), resultCode protocolError (2), for the request's message id.
        const id = chunk[4] ?? 1;
        socket.write(Buffer.from([0x30, 0x0c, 0x02, 0x01, id, 0x78, 0x07, 0x0a, 0x01, 0x02, 0x04, 0x00, 0x04, 0x00]));
      }
    });
    socket.on('error', () => {});
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { port, received: () => Buffer.concat(chunks), connections: () => connections };
}

const secret = 'correct horse battery staple';

describe('a directory that will not do StartTLS', () => {
  for (const behaviour of ['refuse', 'hang-up'] as const) {
    it(`gets only the StartTLS request when it ${behaviour === 'refuse' ? 'refuses it' : 'hangs up on it'}`, async () => {
      const hostile = await hostileDirectory(behaviour);
      const result = await lookupInDirectory(
        { url: `ldap://127.0.0.1:${hostile.port}`, security: 'starttls', baseDn: 'dc=example,dc=test', bindDn: 'cn=reader,dc=example,dc=test', bindPassword: secret },
        'alice@example.test',
        { extraTrustAnchors: [] },
      );
      expect(result).toEqual({ found: [], problems: ['127.0.0.1 offered no TLS; Sealmail will not send your directory password or a recipient\'s address in clear.'] });
      const bytes = hostile.received().toString('latin1');
      expect(bytes).toContain(STARTTLS_OID);
      for (const leaked of [secret, 'cn=reader', 'alice@example.test']) expect(bytes).not.toContain(leaked);
      expect(hostile.connections()).toBe(1);
    });
  }

  it('gives up on one that never answers within the time allowed, having sent only the request', async () => {
    const hostile = await hostileDirectory('silent');
    const started = Date.now();
    const result = await lookupInDirectory(
      { url: `ldap://127.0.0.1:${hostile.port}`, security: 'starttls', baseDn: 'dc=example,dc=test', bindDn: 'cn=reader,dc=example,dc=test', bindPassword: secret },
      'alice@example.test',
      { extraTrustAnchors: [] },
      { timeoutMs: 500 },
    );
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/did not answer/)]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hostile.received().toString('latin1')).not.toContain(secret);
  });
});
