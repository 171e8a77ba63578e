/**
 * A revocation server on 127.0.0.1 for tests: GET /crl serves the test CA's current CRL (made by
 * `openssl ca -gencrl`), POST /ocsp answers with `openssl ocsp` run as the responder over the CA's
 * database (-reqin/-respout; the listening socket is Node's, so it binds to loopback only).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCa, TestPki } from './test-pki';

export interface RevocationServer {
  crlUrl: string;
  ocspUrl: string;
  counts: { crl: number; ocsp: number };
  close(): Promise<void>;
}

export async function startRevocationServer(pki: TestPki, ca: TestCa): Promise<RevocationServer> {
  const counts = { crl: 0, ocsp: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        if (req.method === 'GET' && req.url === '/crl') {
          counts.crl++;
          res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(pki.crl(ca));
          return;
        }
        if (req.method === 'POST' && req.url === '/ocsp') {
          counts.ocsp++;
          const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
          const reqPath = pki.path(`ocsp-${id}.req`);
          const respPath = pki.path(`ocsp-${id}.resp`);
          writeFileSync(reqPath, Buffer.concat(chunks));
          execFileSync('openssl', ['ocsp', '-index', `${ca.dir}/index.txt`, '-CA', ca.certPath, '-rsigner', ca.certPath, '-rkey', ca.keyPath,
            '-reqin', reqPath, '-respout', respPath, '-ndays', '1'], { stdio: 'ignore' });
          res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(readFileSync(respPath));
          return;
        }
        res.writeHead(404).end();
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    crlUrl: `http://127.0.0.1:${port}/crl`,
    ocspUrl: `http://127.0.0.1:${port}/ocsp`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
