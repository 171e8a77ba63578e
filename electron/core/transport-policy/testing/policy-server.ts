/**
 * An HTTPS server on 127.0.0.1 playing mta-sts.<domain> for many domains at once: a certificate
 * from a test authority names every policy host, and each host serves its own answer (a policy, a
 * redirect, another status or content type). Records "host/path" of every request.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KeyAndCertificate } from '../../testing/self-signed';

export interface PolicyRoute {
  status?: number;
  contentType?: string;
  body?: string;
  location?: string;
  delayMs?: number;
}

export interface PolicyServer {
  host: string;
  port: number;
  requests: string[];
  close(): Promise<void>;
}

/** `routes` by policy host (mta-sts.example.test); a plain string is a text/plain policy. */
export async function startPolicyServer(tls: KeyAndCertificate, routes: Record<string, PolicyRoute | string>): Promise<PolicyServer> {
  const requests: string[] = [];
  const server = createServer(tls, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    requests.push(`${host}${request.url ?? '/'}`);
    const found = routes[host];
    const route: PolicyRoute | undefined = typeof found === 'string' ? { body: found } : found;
    const send = () => {
      if (!route || request.url !== '/.well-known/mta-sts.txt') {
        response.writeHead(404).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': route.contentType ?? 'text/plain; charset=utf-8' };
      if (route.location) headers.location = route.location;
      response.writeHead(route.status ?? (route.location ? 302 : 200), headers).end(route.body ?? '');
    };
    if (route?.delayMs) setTimeout(send, route.delayMs);
    else send();
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A policy file as RFC 8461 §3.2 writes it. */
export function stsPolicyText(mode: 'enforce' | 'testing' | 'none', mx: readonly string[], maxAge = 86400): string {
  return ['version: STSv1', `mode: ${mode}`, ...mx.map((pattern) => `mx: ${pattern}`), `max_age: ${maxAge}`, ''].join('\r\n');
}
