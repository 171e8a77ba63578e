/**
 * The credentials of an account that signs in with OAuth 2.0: its refresh token, kept where
 * passwords are (the SecretStore: the OS keychain in Electron, memory elsewhere), and an access
 * token kept in memory only, refreshed a minute before it expires and once more when a server
 * refuses it. A refresh token the provider no longer accepts is deleted, so every later login
 * fails at once with the same "sign in again" sentence instead of asking the provider in a loop.
 */
import { SealmailError } from '../../../shared/errors';
import type { SecretStore } from '../ports';
import type { CredentialSource, TokenCredentials } from '../transport/credentials';
import type { TrustSettings } from '../transport/tls-policy';
import { needsSignInAgain, refreshAccessToken, type OAuthTokens } from './authorize';
import type { OAuthClientConfig, OAuthProvider } from './providers';

/** Renewed this long before the provider's stated expiry, so a login never races the clock. */
const EARLY_REFRESH_MS = 60_000;

export interface StoredOAuthGrant {
  refreshToken: string;
  /** ISO 8601: when the provider last issued an access token for this account. */
  refreshedAt: string;
}

/** The refresh tokens of a profile, one per OAuth account. */
export class OAuthGrantStore {
  constructor(private readonly secrets: SecretStore) {}

  async get(accountId: string): Promise<StoredOAuthGrant | null> {
    const text = await this.secrets.get(grantKey(accountId));
    if (text === null) return null;
    try {
      const grant = JSON.parse(text) as Partial<StoredOAuthGrant>;
      return typeof grant.refreshToken === 'string' && typeof grant.refreshedAt === 'string' ? { refreshToken: grant.refreshToken, refreshedAt: grant.refreshedAt } : null;
    } catch {
      return null;
    }
  }

  set(accountId: string, grant: StoredOAuthGrant): Promise<void> {
    return this.secrets.set(grantKey(accountId), JSON.stringify(grant));
  }

  delete(accountId: string): Promise<void> {
    return this.secrets.delete(grantKey(accountId));
  }
}

const grantKey = (accountId: string) => `account:${accountId}:oauth`;

export interface OAuthCredentialsOptions {
  accountId: string;
  address: string;
  provider: OAuthProvider;
  client: OAuthClientConfig;
  grants: OAuthGrantStore;
  trust: TrustSettings;
  allowHttpLoopbackIssuer?: boolean;
  now: () => number;
}

export class OAuthCredentials implements CredentialSource {
  private access: { token: string; expiresAt: number | null } | null = null;
  private refreshing: Promise<TokenCredentials> | null = null;

  constructor(private readonly options: OAuthCredentialsOptions) {}

  /** Starts from the tokens a sign-in just returned (already stored by the caller). */
  adopt(tokens: OAuthTokens): void {
    this.access = { token: tokens.accessToken, expiresAt: tokens.expiresAt };
  }

  async current(): Promise<TokenCredentials> {
    const access = this.access;
    if (access && (access.expiresAt === null || access.expiresAt - EARLY_REFRESH_MS > this.options.now())) return this.credentials(access.token);
    return this.refresh();
  }

  async renewAfterRefusal(refused: TokenCredentials | { user: string }): Promise<TokenCredentials | null> {
    // Another connection may have renewed it meanwhile; then that one is the one to try.
    if ('accessToken' in refused && this.access && this.access.token !== refused.accessToken) return this.credentials(this.access.token);
    this.access = null;
    return this.refresh();
  }

  private refresh(): Promise<TokenCredentials> {
    this.refreshing ??= this.refreshNow().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshNow(): Promise<TokenCredentials> {
    const { accountId, provider, grants } = this.options;
    const grant = await grants.get(accountId);
    if (!grant) throw signInAgain(this.options);
    let tokens: OAuthTokens;
    try {
      tokens = await refreshAccessToken({
        provider,
        clientId: this.options.client.clientId,
        ...(this.options.client.clientSecret ? { clientSecret: this.options.client.clientSecret } : {}),
        refreshToken: grant.refreshToken,
        trust: this.options.trust,
        allowHttpLoopbackIssuer: this.options.allowHttpLoopbackIssuer,
        now: this.options.now,
      });
    } catch (error) {
      if (needsSignInAgain(error)) {
        await grants.delete(accountId);
        throw signInAgain(this.options, error);
      }
      throw error;
    }
    await grants.set(accountId, { refreshToken: tokens.refreshToken, refreshedAt: new Date(this.options.now()).toISOString() });
    this.access = { token: tokens.accessToken, expiresAt: tokens.expiresAt };
    return this.credentials(tokens.accessToken);
  }

  private credentials(accessToken: string): TokenCredentials {
    return { user: this.options.address, accessToken, issuerName: this.options.provider.name };
  }
}

function signInAgain(options: OAuthCredentialsOptions, cause?: unknown): SealmailError {
  const name = options.provider.name;
  return new SealmailError(
    'PASSWORD_REQUIRED',
    `${name} no longer accepts Sealmail's sign-in for ${options.address} (it was revoked or has expired): choose Sign in with ${name} again in Connection security.`,
    { cause },
  );
}
