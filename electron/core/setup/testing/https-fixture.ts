/**
 * An HTTPS server on 127.0.0.1 for discovery tests: serves autoconfig documents by host name and path,
 * with a certificate from a test authority for the names it plays, and records what was asked.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KeyAndCertificate } from '../../testing/self-signed';

export interface HttpsFixture {
  port: number;
  /** "host/path?query" of every request. */
  requests: string[];
  close(): Promise<void>;
}

/** Routes: "host/path" (without query) to a body, or to a redirect as { location }. */
export async function startHttpsFixture(tls: KeyAndCertificate, routes: Record<string, string | { location: string }>): Promise<HttpsFixture> {
  const requests: string[] = [];
  const server = createServer(tls, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = request.url ?? '/';
    requests.push(`${host}${url}`);
    const route = routes[`${host}${url.split('?')[0]}`];
    if (route === undefined) {
      response.writeHead(404).end();
    } else if (typeof route === 'string') {
      response.writeHead(200, { 'content-type': 'application/xml' }).end(route);
    } else {
      response.writeHead(302, { location: route.location }).end();
    }
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
