/**
 * Everything the core does with OAuth 2.0 apart from the protocol itself (authorize.ts): which
 * provider an address signs in with, the client registration from oauth.json, the sign-in in the
 * system browser (one at a time: starting again replaces a sign-in still waiting), and one
 * credential source per account, so IMAP, SMTP and drafts share one access token.
 */
import type { Account } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { SignInMethod } from '../../../shared/oauth-types';
import type { Clock, SecretStore } from '../ports';
import type { TrustSettings } from '../transport/tls-policy';
import { signIn, type OAuthTokens } from './authorize';
import { OAuthCredentials, OAuthGrantStore } from './oauth-credentials';
import { readOAuthConfig } from './oauth-config';
import { clientConfigFor, OAUTH_PROVIDERS, providerForAddress, providerForImapHost, type OAuthClientConfig, type OAuthProvider } from './providers';

const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface OAuthSettings {
  /** Opens the system browser, never a view inside Sealmail: shell.openExternal in Electron. */
  openBrowser: (url: string) => Promise<void>;
  /** oauth.json: client IDs and the organisation's own providers. */
  configFile: string;
  timeoutMs?: number;
  /** Test setting: an http: authorization server on loopback. */
  allowHttpLoopbackIssuer?: boolean;
}

export interface SignInRequest {
  address: string;
  /** The IMAP server discovery found, and whether its autoconfig said OAuth2 (a Microsoft 365 domain). */
  imapHost?: string;
  advertisedOAuth2?: boolean;
}

export class OAuthAccess {
  private readonly credentials = new Map<string, OAuthCredentials>();
  private waiting: AbortController | null = null;

  constructor(
    private readonly settings: OAuthSettings,
    private readonly grants: OAuthGrantStore,
    private readonly trust: TrustSettings,
    private readonly clock: Clock,
  ) {}

  /** Password, or the provider to sign in with; a missing client ID is said, not thrown. */
  async methodFor(request: SignInRequest): Promise<SignInMethod> {
    const config = await readOAuthConfig(this.settings.configFile);
    const provider = providerForAddress(request.address, config.providers)
      ?? (request.advertisedOAuth2 && request.imapHost ? providerForImapHost(request.imapHost, config.providers) : null);
    if (!provider) return { method: 'password' };
    let problem: string | null = null;
    try {
      clientConfigFor(provider, config.clients);
    } catch (error) {
      problem = (error as Error).message;
    }
    return { method: 'oauth2', providerId: provider.id, providerName: provider.name, imap: provider.imap, smtp: provider.smtp, problem };
  }

  async provider(providerId: string): Promise<{ provider: OAuthProvider; client: OAuthClientConfig }> {
    const config = await readOAuthConfig(this.settings.configFile);
    const provider = [...config.providers, ...Object.values(OAUTH_PROVIDERS)].find((candidate) => candidate.id === providerId);
    if (!provider) throw new SealmailError('NOT_FOUND', `Sealmail knows no OAuth 2.0 provider called "${providerId.slice(0, 60)}".`);
    return { provider, client: clientConfigFor(provider, config.clients) };
  }

  /** Signs `address` in with `providerId` in the system browser; an earlier sign-in still waiting is given up. */
  async signIn(providerId: string, address: string): Promise<{ provider: OAuthProvider; client: OAuthClientConfig; tokens: OAuthTokens }> {
    const { provider, client } = await this.provider(providerId);
    this.waiting?.abort(new SealmailError('AUTH_FAILED', `This sign-in with ${provider.name} was replaced by a newer one, so its answer will not be used.`));
    const waiting = new AbortController();
    this.waiting = waiting;
    try {
      const tokens = await signIn({
        provider,
        clientId: client.clientId,
        ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
        scopes: provider.scopes,
        loginHint: address,
        openBrowser: this.settings.openBrowser,
        timeoutMs: this.settings.timeoutMs ?? SIGN_IN_TIMEOUT_MS,
        trust: this.trust,
        allowHttpLoopbackIssuer: this.settings.allowHttpLoopbackIssuer,
        signal: waiting.signal,
      });
      return { provider, client, tokens };
    } finally {
      if (this.waiting === waiting) this.waiting = null;
    }
  }

  /** Stops a sign-in still waiting for the browser; false when none was waiting. */
  cancelWaiting(): boolean {
    if (!this.waiting) return false;
    this.waiting.abort(new SealmailError('AUTH_FAILED', 'You stopped the sign-in, so nothing was saved.'));
    this.waiting = null;
    return true;
  }

  /** The account's credential source, shared by all its connections; `tokens` from a sign-in just made. */
  async credentialsFor(account: Account, tokens?: OAuthTokens): Promise<OAuthCredentials> {
    let credentials = this.credentials.get(account.id);
    if (!credentials) {
      const { provider, client } = await this.provider(account.signIn!.providerId);
      credentials = new OAuthCredentials({
        accountId: account.id,
        address: account.address,
        provider,
        client,
        grants: this.grants,
        trust: this.trust,
        allowHttpLoopbackIssuer: this.settings.allowHttpLoopbackIssuer,
        now: () => this.clock.now().getTime(),
      });
      this.credentials.set(account.id, credentials);
    }
    if (tokens) credentials.adopt(tokens);
    return credentials;
  }

  /** Unsaved credentials for trying a sign-in's tokens before the account exists. */
  trial(address: string, provider: OAuthProvider, tokens: OAuthTokens) {
    return { user: address, accessToken: tokens.accessToken, issuerName: provider.name };
  }

  async forget(accountId: string): Promise<void> {
    this.credentials.delete(accountId);
    await this.grants.delete(accountId);
  }
}


/** The OAuth parts the account service needs, built from the core's options. */
export function createOAuth(secrets: SecretStore, trust: TrustSettings, clock: Clock, settings: Partial<OAuthSettings> & { configFile: string }) {
  const grants = new OAuthGrantStore(secrets);
  const openBrowser = settings.openBrowser ?? (async () => {
    throw new Error('this front door has no browser to open');
  });
  return { grants, access: new OAuthAccess({ ...settings, openBrowser }, grants, trust, clock) };
}
