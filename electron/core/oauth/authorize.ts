/**
 * OAuth 2.0 sign-in for a native app (RFC 8252): the authorization code grant with PKCE S256
 * (RFC 7636) in the system browser, answered on a loopback redirect (§7.3), and the refresh grant
 * (RFC 6749 §6). oauth4webapi does the protocol checks (state, response shape, token type); this
 * file puts Sealmail's rules around it: HTTPS only with Sealmail's trust, one sentence for every
 * way it can fail, and tokens returned only when the whole exchange succeeded.
 */
import {
  allowInsecureRequests,
  AuthorizationResponseError,
  authorizationCodeGrantRequest,
  calculatePKCECodeChallenge,
  ClientSecretPost,
  customFetch,
  generateRandomCodeVerifier,
  generateRandomState,
  None,
  processAuthorizationCodeResponse,
  processRefreshTokenResponse,
  refreshTokenGrantRequest,
  ResponseBodyError,
  validateAuthResponse,
  type AuthorizationServer,
  type Client,
  type ClientAuth,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import { SealmailError } from '../../../shared/errors';
import type { TrustSettings } from '../transport/tls-policy';
import { startLoopbackRedirect } from './loopback-redirect';
import { checkEndpoint, tokenFetch } from './token-fetch';

/** The part of a provider the flow needs; an `OAuthProvider` from the table fits. */
export interface OAuthEndpoints {
  name: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  extraAuthorizationParameters?: Readonly<Record<string, string>>;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch, or null when the provider did not say. */
  expiresAt: number | null;
}

interface ClientOptions {
  provider: OAuthEndpoints;
  clientId: string;
  clientSecret?: string;
  trust: TrustSettings;
  /** Test setting: allow http: endpoints, and only on a loopback address. */
  allowHttpLoopbackIssuer?: boolean;
  /** For tests; defaults to Date.now. */
  now?: () => number;
}

export interface SignInOptions extends ClientOptions {
  scopes: readonly string[];
  loginHint?: string;
  /** Opens the system browser (never an embedded view): shell.openExternal at the Electron edge. */
  openBrowser: (url: string) => Promise<void>;
  /** How long to wait for the browser to come back. */
  timeoutMs: number;
  /** Gives the sign-in up while it waits for the browser (the person started another one). */
  signal?: AbortSignal;
}

export interface RefreshOptions extends ClientOptions {
  refreshToken: string;
}

/**
 * Signs in with `provider` in the system browser and returns its tokens. Throws a SealmailError
 * with a sentence for a refused or forged answer, a timeout, or a token endpoint that answers
 * nonsense; nothing is returned (so nothing can be saved) unless every step succeeded.
 */
export async function signIn(options: SignInOptions): Promise<OAuthTokens> {
  const { provider } = options;
  const allowHttp = options.allowHttpLoopbackIssuer === true;
  // Checked before the browser opens, so a refused endpoint never sees the user at all.
  const authorizationUrl = checkEndpoint(`authorization endpoint of ${provider.name}`, provider.authorizationEndpoint, allowHttp);
  checkEndpoint(`token endpoint of ${provider.name}`, provider.tokenEndpoint, allowHttp);

  const codeVerifier = generateRandomCodeVerifier();
  const codeChallenge = await calculatePKCECodeChallenge(codeVerifier);
  const state = generateRandomState();
  const minutes = Math.max(1, Math.round(options.timeoutMs / 60_000));
  const redirect = await startLoopbackRedirect({
    timeoutMs: options.timeoutMs,
    timeoutMessage: `The sign-in with ${provider.name} was not finished within ${minutes === 1 ? 'a minute' : `${minutes} minutes`}, so Sealmail stopped waiting; start it again when you are ready.`,
  });
  try {
    const url = new URL(authorizationUrl);
    for (const [name, value] of Object.entries(provider.extraAuthorizationParameters ?? {})) url.searchParams.set(name, value);
    url.searchParams.set('client_id', options.clientId);
    url.searchParams.set('redirect_uri', redirect.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', options.scopes.join(' '));
    url.searchParams.set('code_challenge', codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    if (options.loginHint) url.searchParams.set('login_hint', options.loginHint);

    try {
      await options.openBrowser(url.toString());
    } catch (error) {
      throw new SealmailError('INTERNAL', `Sealmail could not open your browser to sign in with ${provider.name}.`, { cause: error });
    }
    const callbackUrl = await untilAborted(redirect.callback, options.signal, provider.name);

    const { as, client, auth } = parties(options);
    let parameters: URLSearchParams;
    try {
      parameters = validateAuthResponse(as, client, callbackUrl, state);
    } catch (error) {
      if (error instanceof AuthorizationResponseError) {
        throw new SealmailError('AUTH_FAILED', `${provider.name} did not grant access (${describe(error.error, error.error_description)}).`, { cause: error });
      }
      throw new SealmailError('PROTOCOL_ERROR', `The answer that came back to Sealmail did not belong to the sign-in it started with ${provider.name}, so it was ignored; try signing in again.`, { cause: error });
    }

    const response = await tokenCall(provider, () =>
      authorizationCodeGrantRequest(as, client, auth, parameters, redirect.redirectUri, codeVerifier, requestOptions(options)));
    const tokens = await tokenCall(provider, () => processAuthorizationCodeResponse(as, client, response));
    if (!tokens.refresh_token) {
      throw new SealmailError('PROTOCOL_ERROR', `${provider.name} signed you in but gave Sealmail no refresh token, so it could not stay signed in; nothing was saved.`);
    }
    return toTokens(tokens, tokens.refresh_token, options.now);
  } finally {
    await redirect.close();
  }
}

/**
 * A fresh access token for `refreshToken`. A refresh token the provider no longer accepts (revoked,
 * expired, password changed) throws PASSWORD_REQUIRED: the one "sign in again" prompt, see
 * `needsSignInAgain`. The returned refresh token is the new one if the provider rotated it.
 */
export async function refreshAccessToken(options: RefreshOptions): Promise<OAuthTokens> {
  const { provider } = options;
  checkEndpoint(`token endpoint of ${provider.name}`, provider.tokenEndpoint, options.allowHttpLoopbackIssuer === true);
  const { as, client, auth } = parties(options);
  let tokens: TokenEndpointResponse;
  try {
    const response = await tokenCall(provider, () => refreshTokenGrantRequest(as, client, auth, options.refreshToken, requestOptions(options)));
    tokens = await tokenCall(provider, () => processRefreshTokenResponse(as, client, response));
  } catch (error) {
    // RFC 6749 §5.2: invalid_grant is the answer for a refresh token that is revoked or expired.
    if (error instanceof SealmailError && error.cause instanceof ResponseBodyError && error.cause.error === 'invalid_grant') {
      throw new SealmailError('PASSWORD_REQUIRED', `${provider.name} no longer accepts Sealmail's sign-in for this account (it was revoked or has expired); sign in with ${provider.name} again.`, { cause: error.cause });
    }
    throw error;
  }
  return toTokens(tokens, tokens.refresh_token ?? options.refreshToken, options.now);
}

/**
 * `waiting`, unless `signal` gives it up first: then its reason (a SealmailError with a sentence)
 * or a generic one, and the listener closes as always.
 */
function untilAborted<T>(waiting: Promise<T>, signal: AbortSignal | undefined, providerName: string): Promise<T> {
  if (!signal) return waiting;
  return new Promise<T>((resolve, reject) => {
    const abandon = () => reject(signal.reason instanceof SealmailError ? signal.reason : new SealmailError('AUTH_FAILED', `The sign-in with ${providerName} was stopped; nothing was saved.`));
    if (signal.aborted) return abandon();
    signal.addEventListener('abort', abandon, { once: true });
    waiting.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
  });
}

/** Whether `error` means the user has to sign in again (as opposed to a network or server fault). */
export function needsSignInAgain(error: unknown): boolean {
  return error instanceof SealmailError && error.code === 'PASSWORD_REQUIRED';
}

function parties(options: ClientOptions): { as: AuthorizationServer; client: Client; auth: ClientAuth } {
  return {
    as: { issuer: options.provider.issuer, authorization_endpoint: options.provider.authorizationEndpoint, token_endpoint: options.provider.tokenEndpoint },
    client: { client_id: options.clientId },
    auth: options.clientSecret ? ClientSecretPost(options.clientSecret) : None(),
  };
}

function requestOptions(options: ClientOptions) {
  const allowHttp = options.allowHttpLoopbackIssuer === true;
  return { [customFetch]: tokenFetch(options.trust, allowHttp), ...(allowHttp ? { [allowInsecureRequests]: true } : {}) };
}

/** Runs one token-endpoint step, turning whatever it throws into a sentence naming the provider. */
async function tokenCall<T>(provider: OAuthEndpoints, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SealmailError) throw error;
    if (error instanceof ResponseBodyError) {
      throw new SealmailError('AUTH_FAILED', `${provider.name} refused to issue tokens (${describe(error.error, error.error_description)}); nothing was saved.`, { cause: error });
    }
    throw new SealmailError('PROTOCOL_ERROR', `${provider.name}'s token endpoint answered with something that is not a valid token response; nothing was saved.`, { cause: error });
  }
}

function toTokens(tokens: TokenEndpointResponse, refreshToken: string, now: () => number = Date.now): OAuthTokens {
  const expiresIn = tokens.expires_in;
  return {
    accessToken: tokens.access_token,
    refreshToken,
    expiresAt: typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? now() + expiresIn * 1000 : null,
  };
}

function describe(error: string, description: string | undefined): string {
  // Both come from the network: keep them short and printable.
  const clean = (text: string) => text.replace(/[^\x20-\x7e]/g, '').slice(0, 200);
  return description ? `${clean(error)}: ${clean(description)}` : clean(error);
}
