/**
 * Fetches an autoconfig document over HTTPS, and only HTTPS: the certificate is verified like any
 * other, redirects are followed only to https: URLs, and answers are size-limited. Name resolution
 * and the port can be redirected for tests (a loopback fixture), the rest is the real thing.
 */
import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { TrustSettings } from '../transport/tls-policy';

/** The body of a 200 answer, or null when there is none to be had (absent, refused, not HTTPS). */
export type TextFetcher = (url: string) => Promise<string | null>;

export interface HttpsFetchOptions {
  trust: TrustSettings;
  lookup?: LookupFunction;
  /** Connect to this port instead of the URL's (a loopback fixture in tests). */
  port?: number;
  timeoutMs?: number;
}

const MAX_BYTES = 256 * 1024;
const MAX_REDIRECTS = 3;

export function httpsFetcher(options: HttpsFetchOptions): TextFetcher {
  const fetchOnce = (url: string, redirects: number): Promise<string | null> => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve(null);
    }
    if (target.protocol !== 'https:') return Promise.resolve(null);
    return new Promise((resolve) => {
      const req = request(
        {
          protocol: 'https:',
          hostname: target.hostname,
          port: options.port ?? (target.port || 443),
          path: `${target.pathname}${target.search}`,
          method: 'GET',
          servername: target.hostname,
          minVersion: 'TLSv1.2',
          rejectUnauthorized: true,
          ...(options.trust.extraTrustAnchors.length > 0 ? { ca: [...rootCertificates, ...options.trust.extraTrustAnchors] } : {}),
          ...(options.lookup ? { lookup: options.lookup } : {}),
          timeout: options.timeoutMs ?? 10_000,
          headers: { accept: 'application/xml, text/xml' },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location && redirects < MAX_REDIRECTS) {
            response.resume();
            resolve(fetchOnce(new URL(response.headers.location, target).toString(), redirects + 1));
            return;
          }
          if (status !== 200) {
            response.resume();
            resolve(null);
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BYTES) req.destroy();
            else chunks.push(chunk);
          });
          response.on('end', () => resolve(size > MAX_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
          response.on('error', () => resolve(null));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(null));
      req.end();
    });
  };
  return (url) => fetchOnce(url, 0);
}
