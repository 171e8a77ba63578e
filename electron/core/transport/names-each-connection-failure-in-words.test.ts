/** What the user reads for each way a connection can fail, from the errors the libraries throw. */
import { describe, expect, it } from 'vitest';
import { toTransportError } from './transport-errors';

const endpoint = { host: 'imap.example.com', port: 993 };
const error = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('connection failures in words', () => {
  it.each([
    [error('Invalid credentials', { authenticationFailed: true }), 'AUTH_FAILED', /refused the user name or password/],
    [error('connect ECONNREFUSED', { code: 'ECONNREFUSED' }), 'HOST_UNREACHABLE', /Could not reach the IMAP server imap\.example\.com:993/],
    [error('certificate has expired', { code: 'ESOCKET' }), 'CERT_UNTRUSTED', /has expired/],
    [error("Hostname/IP does not match certificate's altnames", { code: 'ESOCKET' }), 'CERT_UNTRUSTED', /for another host/],
    [error('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'CERT_UNTRUSTED', /not signed by an authority/],
    [error('wrong version number', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }), 'TLS_REQUIRED', /did not answer with TLS/],
    [
      error('Client network socket disconnected before secure TLS connection was established', { code: 'ECONNRESET' }),
      'TLS_REQUIRED',
      /closed the connection before TLS was set up: it may not speak TLS on this port, or the network dropped it/,
    ],
  ])('%s', (thrown, code, message) => {
    const mapped = toTransportError(thrown, 'IMAP', endpoint);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(message);
  });
});
