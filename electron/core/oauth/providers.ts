/**
 * The mail providers Sealmail can sign in to with OAuth 2.0 instead of a password (issue 17): their
 * authorization and token endpoints, the scopes that grant IMAP and SMTP, their servers, and the
 * address domains each serves. Client IDs are deliberately absent: Sealmail registers its own with
 * each provider and they arrive through configuration, never borrowed from another application.
 */
import type { ServerEndpoint } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';

export type BuiltInProviderId = 'google' | 'microsoft' | 'yahoo' | 'aol' | 'fastmail';

export interface OAuthProvider {
  /** A built-in id, or one an organisation gave its own provider in oauth.json. */
  id: string;
  /** The name a person knows the provider by, for sentences. */
  name: string;
  /** The authorization server's issuer identifier (RFC 8414), which oauth4webapi keys on. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** What to ask for: IMAP and SMTP access, and a refresh token. */
  scopes: readonly string[];
  /** Parameters the provider needs on the authorization request besides the standard ones. */
  extraAuthorizationParameters?: Readonly<Record<string, string>>;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** Address domains known to be served by this provider. */
  domains: readonly string[];
  /** Other domains the provider serves that only autoconfig/MX discovery can tell apart (Microsoft 365). */
  discoveredDomainsNote?: string;
}

export const OAUTH_PROVIDERS: Readonly<Record<BuiltInProviderId, OAuthProvider>> = {
  google: {
    id: 'google',
    name: 'Google',
    issuer: 'https://accounts.google.com',
    authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    scopes: ['https://mail.google.com/'],
    // Google hands out a refresh token only with offline access, and again only on fresh consent.
    extraAuthorizationParameters: { access_type: 'offline', prompt: 'consent' },
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
    domains: ['gmail.com', 'googlemail.com'],
  },
  microsoft: {
    id: 'microsoft',
    name: 'Microsoft',
    // The multi-tenant endpoints: personal accounts and any Microsoft 365 organisation.
    issuer: 'https://login.microsoftonline.com/common/v2.0',
    authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access'],
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'],
    discoveredDomainsNote: 'Any Microsoft 365 domain, recognised by autoconfig or MX discovery rather than by name.',
  },
  yahoo: {
    id: 'yahoo',
    name: 'Yahoo',
    issuer: 'https://api.login.yahoo.com',
    authorizationEndpoint: 'https://api.login.yahoo.com/oauth2/request_auth',
    tokenEndpoint: 'https://api.login.yahoo.com/oauth2/get_token',
    scopes: ['mail-w'],
    imap: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
    domains: ['yahoo.com', 'ymail.com'],
  },
  aol: {
    id: 'aol',
    name: 'AOL',
    issuer: 'https://api.login.aol.com',
    authorizationEndpoint: 'https://api.login.aol.com/oauth2/request_auth',
    tokenEndpoint: 'https://api.login.aol.com/oauth2/get_token',
    scopes: ['mail-w'],
    imap: { host: 'imap.aol.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.aol.com', port: 465, security: 'tls' },
    domains: ['aol.com'],
  },
  fastmail: {
    id: 'fastmail',
    name: 'Fastmail',
    issuer: 'https://api.fastmail.com',
    authorizationEndpoint: 'https://api.fastmail.com/oauth/authorize',
    // Fastmail's documented token endpoint really is /oauth/refresh, for the code grant too.
    tokenEndpoint: 'https://api.fastmail.com/oauth/refresh',
    // UNVERIFIED: fastmail.com/dev documents only JMAP scopes (urn:ietf:params:jmap:*). These IMAP and
    // SMTP scopes are the ones other mail clients are registered for; Fastmail registers clients by
    // hand and fixes their scopes at registration, so confirm them when Sealmail registers.
    scopes: ['https://www.fastmail.com/dev/protocol-imap', 'https://www.fastmail.com/dev/protocol-smtp'],
    imap: { host: 'imap.fastmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.fastmail.com', port: 465, security: 'tls' },
    domains: ['fastmail.com', 'fastmail.fm'],
  },
};

/**
 * The provider that serves `address` by its domain, or null (including Microsoft 365 domains, which
 * need discovery). `configured` providers (from oauth.json) are asked first.
 */
export function providerForAddress(address: string, configured: readonly OAuthProvider[] = []): OAuthProvider | null {
  const at = address.lastIndexOf('@');
  if (at < 1 || at === address.length - 1) return null;
  const domain = address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  return [...configured, ...Object.values(OAUTH_PROVIDERS)].find((provider) => provider.domains.includes(domain)) ?? null;
}

/**
 * The provider whose IMAP server discovery found, for a domain the table does not name (a
 * Microsoft 365 organisation whose autoconfig says OAuth2 and points at outlook.office365.com).
 */
export function providerForImapHost(host: string, configured: readonly OAuthProvider[] = []): OAuthProvider | null {
  const wanted = host.trim().toLowerCase().replace(/\.$/, '');
  return [...configured, ...Object.values(OAUTH_PROVIDERS)].find((provider) => provider.imap.host === wanted) ?? null;
}

/** Sealmail's own registration with a provider; `clientSecret` only where the provider insists on one. */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret?: string;
}

/** Client registrations by provider id, as oauth.json's `clients` holds them. */
export type OAuthClientConfigs = Readonly<Record<string, OAuthClientConfig | undefined>>;

/** The configured client for `provider`, or a sentence naming what to configure. */
export function clientConfigFor(provider: OAuthProvider, configs: OAuthClientConfigs): OAuthClientConfig {
  const config = configs[provider.id];
  if (!config || config.clientId.trim() === '') {
    throw new SealmailError(
      'INVALID_INPUT',
      `Sealmail has no OAuth client ID for ${provider.name}: register Sealmail with ${provider.name} and put its client ID in oauth.json (clients.${provider.id}.clientId) to sign in with ${provider.name}.`,
    );
  }
  return config;
}
