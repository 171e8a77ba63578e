/**
 * The fetch oauth4webapi talks to the token endpoint with, built on node:https so it verifies the
 * server with Sealmail's trust (the system roots plus `extraTrustAnchors`) like every other
 * connection. Plain http: is only ever used for a loopback test server the caller explicitly
 * allowed; anything else that is not https: is refused before a byte is sent.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { SealmailError } from '../../../shared/errors';
import type { TrustSettings } from '../transport/tls-policy';

const MAX_BYTES = 1024 * 1024;
const CERT_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REJECTED',
]);

export type TokenFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal }) => Promise<Response>;

/** Whether `url` is http: to this machine's loopback address (the only http: ever allowed, and only in tests). */
export function isLoopbackHttp(url: URL): boolean {
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * Refuses an endpoint that is not https:, unless it is a loopback http: URL and the caller set
 * `allowHttpLoopback` (a test server); the sentence names what was refused.
 */
export function checkEndpoint(what: string, endpoint: string, allowHttpLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new SealmailError('INVALID_INPUT', `The ${what} "${endpoint}" is not a URL.`);
  }
  if (url.protocol === 'https:') return url;
  if (allowHttpLoopback && isLoopbackHttp(url)) return url;
  throw new SealmailError('TLS_REQUIRED', `The ${what} ${url.origin} is not HTTPS; Sealmail only signs in over HTTPS.`);
}

export function tokenFetch(trust: TrustSettings, allowHttpLoopback: boolean, timeoutMs = 30_000): TokenFetch {
  return (target, init) => {
    const url = checkEndpoint('token endpoint', target, allowHttpLoopback);
    const body = init.body == null ? undefined : String(init.body);
    const https = url.protocol === 'https:';
    return new Promise<Response>((resolve, reject) => {
      const options = {
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (https ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: init.method,
        headers: { ...init.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        timeout: timeoutMs,
        ...(init.signal ? { signal: init.signal } : {}),
      };
      const req = https
        ? httpsRequest({
          ...options,
          servername: isIP(url.hostname) ? undefined : url.hostname,
          minVersion: 'TLSv1.2',
          rejectUnauthorized: true,
          ...(trust.extraTrustAnchors.length > 0 ? { ca: [...rootCertificates, ...trust.extraTrustAnchors] } : {}),
        })
        : httpRequest(options);
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) req.destroy(new SealmailError('PROTOCOL_ERROR', `${url.host} sent a token answer far larger than any token; Sealmail stopped reading it.`));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') headers.set(name, value);
            else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          }
          const status = response.statusCode ?? 500;
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
        });
        response.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new SealmailError('TIMEOUT', `${url.host} took too long to answer the token request.`)));
      req.on('error', (error: Error & { code?: string }) => {
        if (error instanceof SealmailError) reject(error);
        else if (error.code && CERT_ERRORS.has(error.code)) reject(new SealmailError('CERT_UNTRUSTED', `The certificate of ${url.host} is not trusted (${error.code}), so Sealmail did not send it the sign-in code.`, { cause: error }));
        else reject(new SealmailError('HOST_UNREACHABLE', `${url.host} could not be reached for the token request (${error.code ?? error.message}).`, { cause: error }));
      });
      req.end(body);
    });
  };
}
