/**
 * The one way revocation checks reach the network: plain HTTP GET or POST (CRLs and OCSP are
 * served over http by design, their answers being signed) with a timeout and a size limit, so a
 * slow or huge answer cannot stall verification. A port, so tests and hosts can replace it.
 */
import { request } from 'node:http';

export interface HttpFetcher {
  fetch(url: string, options?: { body?: Buffer; contentType?: string }): Promise<Buffer>;
}

export function createHttpFetcher(limits: { timeoutMs?: number; maxBytes?: number } = {}): HttpFetcher {
  const timeoutMs = limits.timeoutMs ?? 5_000;
  const maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
  return {
    fetch(url, options = {}) {
      return new Promise((resolve, reject) => {
        const target = new URL(url);
        if (target.protocol !== 'http:') {
          reject(new Error(`only http:// revocation addresses are fetched, not ${target.protocol}`));
          return;
        }
        const req = request(target, {
          method: options.body ? 'POST' : 'GET',
          headers: options.body ? { 'content-type': options.contentType ?? 'application/octet-stream', 'content-length': options.body.length } : {},
          timeout: timeoutMs,
        }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`${target.host} answered HTTP ${res.statusCode}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy(new Error(`${target.host} sent more than ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`${target.host} did not answer within ${timeoutMs / 1000} s`)));
        req.on('error', reject);
        req.end(options.body);
      });
    },
  };
}
