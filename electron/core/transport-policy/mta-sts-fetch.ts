/**
 * Fetches https://mta-sts.<domain>/.well-known/mta-sts.txt as RFC 8461 §3.3 says: HTTPS only,
 * with a certificate valid for the host and chaining to a trusted root (system roots plus the
 * user's extra anchors), TLS 1.2 or newer, no redirects followed, Content-Type text/plain, and a
 * size limit (64 KB, the §3.3 suggestion). Every failure comes back as a sentence.
 */
import { request, type RequestOptions } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { TrustSettings } from '../transport/tls-policy';
import { DnsError } from './dns-exchange';
import { seconds } from './seconds';

export const POLICY_MAX_BYTES = 64 * 1024;

export interface PolicyFetchOptions {
  /** From `policySecureContext`: built once, since parsing the root store costs tens of ms. */
  secureContext: SecureContext;
  lookup: LookupFunction;
  /** Connect to this port instead of 443 (a loopback policy server in tests). */
  port?: number;
  timeoutMs: number;
}

export type PolicyFetch = { ok: true; text: string } | { ok: false; problem: string };

const CERTIFICATE_ERRORS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'is not from an authority Sealmail trusts',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'is not from an authority Sealmail trusts',
  UNABLE_TO_GET_ISSUER_CERT: 'is not from an authority Sealmail trusts',
  SELF_SIGNED_CERT_IN_CHAIN: 'is not from an authority Sealmail trusts',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'is for another name',
};

/** TLS 1.2 or newer, system roots plus the user's extra anchors. */
export function policySecureContext(trust: TrustSettings): SecureContext {
  return createSecureContext({
    minVersion: 'TLSv1.2',
    ...(trust.extraTrustAnchors.length > 0 ? { ca: [...rootCertificates, ...trust.extraTrustAnchors] } : {}),
  });
}

export function policyUrl(domain: string): string {
  return `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
}

export function fetchStsPolicy(domain: string, options: PolicyFetchOptions): Promise<PolicyFetch> {
  const host = `mta-sts.${domain}`;
  const fail = (why: string): PolicyFetch => ({ ok: false, problem: `the MTA-STS policy of ${domain} could not be fetched: ${why}` });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PolicyFetch) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    // https passes the TLS options, secureContext included, through to tls.connect.
    const tlsRequest: RequestOptions & ConnectionOptions = {
      protocol: 'https:',
      hostname: host,
      port: options.port ?? 443,
      path: '/.well-known/mta-sts.txt',
      method: 'GET',
      servername: host,
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      secureContext: options.secureContext,
      lookup: options.lookup,
      agent: false,
      headers: { accept: 'text/plain' },
    };
    const req = request(
      tlsRequest,
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          settle(fail(`${host} answered with a redirect, and MTA-STS policies are never fetched through one (RFC 8461 §3.3)`));
          return;
        }
        if (status !== 200) {
          settle(fail(`${host} answered HTTP ${status}`));
          return;
        }
        const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (mediaType !== 'text/plain') {
          settle(fail(`${host} sent it as ${mediaType || 'no type'} instead of text/plain (RFC 8461 §3.2)`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > POLICY_MAX_BYTES) settle(fail(`it is larger than ${POLICY_MAX_BYTES / 1024} KB`));
          else chunks.push(chunk);
        });
        response.on('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', (error) => settle(fail(`the connection to ${host} broke (${error.message})`)));
      },
    );
    const timer = setTimeout(() => settle(fail(`${host} did not answer within ${seconds(options.timeoutMs)}`)), options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => settle(fail(describeRequestError(host, error))));
    req.end();
  });
}

function describeRequestError(host: string, error: NodeJS.ErrnoException): string {
  if (error instanceof DnsError) return error.message;
  const certificate = error.code ? CERTIFICATE_ERRORS[error.code] : undefined;
  if (certificate) return `the certificate of ${host} ${certificate}`;
  if (error.code === 'ENOTFOUND') return `${host} has no address`;
  if (error.code === 'ECONNREFUSED') return `${host} refused the connection`;
  if (error.code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' || /protocol version|unsupported protocol/i.test(error.message)) {
    return `${host} offers no TLS 1.2 or newer`;
  }
  return `the connection to ${host} failed (${error.code ?? error.message})`;
}
