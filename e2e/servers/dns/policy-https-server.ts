// The MTA-STS policy web server of the DNS world (RFC 8461 §3.3): HTTPS on a loopback address,
// choosing each policy host's certificate by SNI, serving /.well-known/mta-sts.txt as text/plain.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { HostCertificate } from './policy-certificates.js';

export interface PolicySite {
  host: string;                  // mta-sts.<domain>
  certificate: HostCertificate;
  policy: string | null;         // null: the host answers 404
}

export interface PolicyHttpsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export const POLICY_PATH = '/.well-known/mta-sts.txt';

/** Starts the server on `address` and a port the system picks (so there is no race for it). */
export async function startPolicyHttpsServer(address: string, sites: readonly PolicySite[]): Promise<PolicyHttpsServer> {
  const byHost = new Map(sites.map((s) => [s.host.toLowerCase(), s]));
  const contexts = new Map<string, SecureContext>(sites.map((s) =>
    [s.host.toLowerCase(), createSecureContext({ cert: s.certificate.certPem, key: s.certificate.keyPem })]));

  const server: Server = createServer({
    minVersion: 'TLSv1.2',
    SNICallback(servername, done) {
      const context = contexts.get(servername.toLowerCase());
      // No certificate for an unknown name: the handshake fails, as it would for a host we do not serve.
      if (context) done(null, context);
      else done(new Error(`no certificate for ${servername}`));
    },
  }, (req, res) => {
    // The Host header names the site (RFC 8461 §3.3 fetches https://mta-sts.<domain>/...).
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const policy = byHost.get(host)?.policy;
    if (req.method === 'GET' && req.url === POLICY_PATH && policy) {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(policy) });
      res.end(policy);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port: 0, exclusive: true }, () => { server.off('error', reject); resolve(); });
  });
  // Not kept alive for its own sake: whoever started it decides when the process ends.
  server.unref();
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    host: address,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
