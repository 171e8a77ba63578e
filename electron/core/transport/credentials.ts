/**
 * What Sealmail logs in with: a password, or an OAuth 2.0 access token (issue 17). Both are
 * credentials under the same TLS-only policy: tls-policy.ts builds every connection that carries
 * them, and nothing sends either before TLS.
 */
import { SealmailError } from '../../../shared/errors';

export interface PasswordCredentials {
  user: string;
  pass: string;
}

export interface TokenCredentials {
  user: string;
  /** A bearer token, sent with SASL OAUTHBEARER (RFC 7628) or XOAUTH2, whichever the server offers. */
  accessToken: string;
  /** Who issued it, for sentences ("Google"). */
  issuerName: string;
}

export type Credentials = PasswordCredentials | TokenCredentials;

export function isToken(credentials: Credentials): credentials is TokenCredentials {
  return 'accessToken' in credentials;
}

/**
 * Where a connection gets its credentials each time it logs in: a password stays the same, an
 * access token is refreshed before it expires and once more when a server refuses it.
 */
export interface CredentialSource {
  current(): Promise<Credentials>;
  /** After a server refused `refused`: fresh credentials to try once more, or null when there are none. */
  renewAfterRefusal(refused: Credentials): Promise<Credentials | null>;
}

export function fixedCredentials(credentials: Credentials): CredentialSource {
  return { current: async () => credentials, renewAfterRefusal: async () => null };
}

export function asCredentialSource(credentials: Credentials | CredentialSource): CredentialSource {
  return 'current' in credentials ? credentials : fixedCredentials(credentials);
}

/**
 * Runs `attempt` with the source's credentials; when the server refuses them (AUTH_FAILED) and the
 * source can renew them (a refreshed access token), runs it once more, and never more than once,
 * so a token the server will not take ends in one clear error rather than a loop.
 */
export async function withCredentials<T>(source: CredentialSource, attempt: (credentials: Credentials) => Promise<T>): Promise<T> {
  const first = await source.current();
  try {
    return await attempt(first);
  } catch (error) {
    if (!(error instanceof SealmailError) || error.code !== 'AUTH_FAILED' || !isToken(first)) throw error;
    const renewed = await source.renewAfterRefusal(first);
    if (!renewed) throw error;
    return attempt(renewed);
  }
}
