/**
 * A tiny OAuth 2.0 authorization server for the sign-in tests, on 127.0.0.1 over HTTPS with a
 * certificate from a test CA the client is told to trust. Without `users` its authorization
 * endpoint redirects straight back with a code; with `users` it shows a consent page that asks for
 * the user's password. Its token endpoint checks the PKCE verifier against the challenge (RFC 7636
 * §4.6) and issues tokens bound to that user, which a resource server (Dovecot in the e2e mail
 * servers) checks at /introspect (RFC 7662); /revoke is RFC 7009. Misbehaviours are switched with
 * `behave`; /testing/ lets a test in another process expire or revoke a user's tokens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestAuthority } from '../../testing/test-certificates';

export interface Misbehaviour {
  /** Redirect back with a state other than the one sent. */
  forgeState?: boolean;
  /** Redirect back with this `error=` instead of a code. */
  errorRedirect?: string;
  /** Show a page and never redirect (the user walked away). */
  neverRedirect?: boolean;
  /** Answer the token request with 200 and this body instead of tokens. */
  tokenGarbage?: string;
  /** Add this `iss` to the redirect (RFC 9207), as a mixed-up or impersonating server would. */
  issParameter?: string;
  /** Leave refresh_token out of the code grant's answer. */
  omitRefreshToken?: boolean;
}

export interface TestAuthorizationUser { address: string; password: string }

export interface TestAuthorizationServerOptions {
  /** Serve http: instead, only to show it is refused unless a test explicitly allows it. */
  plainHttp?: boolean;
  /** When given, /authorize shows a consent page that checks these passwords. */
  users?: readonly TestAuthorizationUser[];
  /** Serve with this certificate (e.g. the mail servers' test CA) instead of an own authority. */
  tls?: { key: string; cert: string; caPem: string };
  host?: string;
  port?: number;
  /** Lifetime of a code grant's access token; a refreshed one lives half as long. Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** The client allowed to call /introspect, with HTTP Basic auth (RFC 7662 §2.1). */
  resourceServer?: { clientId: string; secret: string };
}

interface Grant { user: string; clientId: string; scope: string }
interface IssuedCode extends Grant { redirectUri: string; challenge: string; used: boolean }
interface AccessToken extends Grant { expiresAt: number; revoked: boolean; refreshToken?: string }
interface RefreshToken extends Grant { revoked: boolean }

export interface TestAuthorizationServer {
  caPem: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  introspectionEndpoint: string;
  /** Base of the test controls: POST `${testingBase}/expire-access-tokens` and `/revoke-refresh-tokens`, form `user=`. */
  testingBase: string;
  behave: Misbehaviour;
  /** Every authorization request's query, in order. */
  authorizationRequests: URLSearchParams[];
  /** How many code exchanges passed the PKCE check. */
  pkceVerified: number;
  tokenRequests: number;
  revoke(refreshToken: string): void;
  /** Makes every access token of `user` expired now. */
  expireAccessTokens(user: string): void;
  revokeRefreshTokens(user: string): void;
  close(): Promise<void>;
}

/** The user a code is bound to when there is no consent page. */
const DEFAULT_USER = 'test-user@example.test';

type Endpoints = 'issuer' | 'authorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint' | 'introspectionEndpoint' | 'testingBase' | 'close';

export async function startTestAuthorizationServer(clientId: string, options: TestAuthorizationServerOptions = {}): Promise<TestAuthorizationServer> {
  const { plainHttp = false, users, resourceServer, accessTokenLifetimeSeconds = 3600 } = options;
  const authority = options.tls ? null : makeTestAuthority();
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Map<string, RefreshToken>();
  const accessTokens = new Map<string, AccessToken>();
  const token = () => randomBytes(16).toString('hex');
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  const issueAccessToken = (grant: Grant, lifetime: number, refreshToken?: string): string => {
    const accessToken = token();
    accessTokens.set(accessToken, { ...grant, expiresAt: nowSeconds() + lifetime, revoked: false, refreshToken });
    return accessToken;
  };
  const isActive = (t: AccessToken | undefined): t is AccessToken => !!t && !t.revoked && t.expiresAt > nowSeconds();

  const state: Omit<TestAuthorizationServer, Endpoints> = {
    caPem: options.tls?.caPem ?? authority!.caPem,
    behave: {},
    authorizationRequests: [],
    pkceVerified: 0,
    tokenRequests: 0,
    revoke: (refreshToken) => {
      const known = refreshTokens.get(refreshToken);
      if (known) known.revoked = true;
    },
    expireAccessTokens: (user) => {
      // One second back: introspection compares with `exp` in whole seconds.
      for (const t of accessTokens.values()) if (t.user === user) t.expiresAt = Math.min(t.expiresAt, nowSeconds() - 1);
    },
    revokeRefreshTokens: (user) => {
      for (const t of refreshTokens.values()) if (t.user === user) t.revoked = true;
    },
  };

  /** Why an authorization request is refused outright, or null when it may go on. */
  const badAuthorizationRequest = (q: URLSearchParams): string | null => {
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId || !redirectUri.startsWith('http://127.0.0.1:') || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      return 'bad authorization request';
    }
    return null;
  };

  /** The 302 back to the client: a code for `user`, or `error` (the user said no, or `behave` says so). */
  const redirectBack = (response: ServerResponse, q: URLSearchParams, outcome: { user: string } | { error: string }) => {
    const redirectUri = q.get('redirect_uri')!;
    const back = new URL(redirectUri);
    if (state.behave.issParameter) back.searchParams.set('iss', state.behave.issParameter);
    back.searchParams.set('state', state.behave.forgeState ? 'forged-state' : q.get('state') ?? '');
    const error = state.behave.errorRedirect ?? ('error' in outcome ? outcome.error : undefined);
    if (error !== undefined) {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', 'The user said no');
    } else if ('user' in outcome) {
      const code = token();
      codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, used: false, user: outcome.user, scope: q.get('scope') ?? '' });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() });
    response.end();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
    };
    const html = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(body);
    };
    const route = `${request.method ?? ''} ${url.pathname}`;

    if (route === 'GET /authorize') {
      const q = url.searchParams;
      state.authorizationRequests.push(q);
      const bad = badAuthorizationRequest(q);
      if (bad) return plainText(response, 400, bad);
      if (state.behave.neverRedirect) return html(200, '<p>Sign in</p>');
      if (!users) return redirectBack(response, q, { user: q.get('login_hint') ?? DEFAULT_USER });
      return html(200, consentPage(q, q.get('login_hint') ?? '', null));
    }

    if (route === 'POST /authorize/decision') {
      const form = await readForm(request);
      const q = new URLSearchParams([...form].filter(([name]) => !['username', 'password', 'decision'].includes(name)));
      const bad = badAuthorizationRequest(q);
      if (bad || !users) return plainText(response, 400, bad ?? 'no consent page here');
      if (form.get('decision') === 'deny') return redirectBack(response, q, { error: 'access_denied' });
      const username = form.get('username') ?? '';
      const user = users.find((u) => u.address === username);
      if (!user || !sameSecret(user.password, form.get('password') ?? '')) return html(200, consentPage(q, username, 'Wrong password'));
      return redirectBack(response, q, { user: user.address });
    }

    if (route === 'POST /token') {
      state.tokenRequests += 1;
      const form = await readForm(request);
      if (state.behave.tokenGarbage !== undefined) return html(200, state.behave.tokenGarbage);
      if (form.get('client_id') !== clientId) return json(401, { error: 'invalid_client' });
      if (form.get('grant_type') === 'authorization_code') {
        const issued = codes.get(form.get('code') ?? '');
        if (!issued || issued.used || issued.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
        issued.used = true;
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (challenge !== issued.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        state.pkceVerified += 1;
        const grant: Grant = { user: issued.user, clientId: issued.clientId, scope: issued.scope };
        const refreshToken = token();
        refreshTokens.set(refreshToken, { ...grant, revoked: false });
        return json(200, {
          access_token: issueAccessToken(grant, accessTokenLifetimeSeconds, refreshToken), token_type: 'Bearer', expires_in: accessTokenLifetimeSeconds,
          ...(grant.scope ? { scope: grant.scope } : {}),
          ...(state.behave.omitRefreshToken ? {} : { refresh_token: refreshToken }),
        });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const refreshToken = form.get('refresh_token') ?? '';
        const grant = refreshTokens.get(refreshToken);
        if (!grant || grant.revoked) return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        const lifetime = Math.floor(accessTokenLifetimeSeconds / 2);
        return json(200, { access_token: issueAccessToken(grant, lifetime, refreshToken), token_type: 'Bearer', expires_in: lifetime });
      }
      return json(400, { error: 'unsupported_grant_type' });
    }

    if (route === 'POST /introspect') {
      const form = await readForm(request);
      if (!resourceServer || !basicAuthIs(request, resourceServer.clientId, resourceServer.secret)) {
        return json(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="introspection"' });
      }
      const found = accessTokens.get(form.get('token') ?? '');
      if (!isActive(found)) return json(200, { active: false });
      return json(200, {
        active: true, email: found.user, username: found.user, sub: found.user, exp: found.expiresAt,
        scope: found.scope, client_id: found.clientId, token_type: 'Bearer',
      });
    }

    if (route === 'POST /revoke') {
      const form = await readForm(request);
      const value = form.get('token') ?? '';
      const askedBy = form.get('client_id');
      const refresh = refreshTokens.get(value);
      const access = accessTokens.get(value);
      // RFC 7009 §2.1: revoking a refresh token SHOULD also end the access tokens of its grant.
      if (refresh && (!askedBy || askedBy === refresh.clientId)) {
        refresh.revoked = true;
        for (const t of accessTokens.values()) if (t.refreshToken === value) t.revoked = true;
      }
      if (access && (!askedBy || askedBy === access.clientId)) access.revoked = true;
      // §2.2: an unknown or already revoked token is answered with 200 all the same.
      response.writeHead(200, { 'cache-control': 'no-store' });
      response.end();
      return;
    }

    if (route === 'POST /testing/expire-access-tokens' || route === 'POST /testing/revoke-refresh-tokens') {
      const user = (await readForm(request)).get('user') ?? '';
      if (url.pathname.endsWith('expire-access-tokens')) state.expireAccessTokens(user);
      else state.revokeRefreshTokens(user);
      return plainText(response, 200, 'done');
    }

    response.writeHead(404);
    response.end();
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
  const server: Server = plainHttp
    ? createHttpServer(onRequest)
    : createHttpsServer(options.tls ? { key: options.tls.key, cert: options.tls.cert } : authority!.issue(), onRequest);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const base = `${plainHttp ? 'http' : 'https'}://${host}:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    issuer: base,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    revocationEndpoint: `${base}/revoke`,
    introspectionEndpoint: `${base}/introspect`,
    testingBase: `${base}/testing`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}

function plainText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}

/** A form body (application/x-www-form-urlencoded), capped: this server only ever gets small ones. */
function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
      if (body.length > 64_000) request.destroy(new Error('form too large'));
    });
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicAuthIs(request: IncomingMessage, user: string, password: string): boolean {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // RFC 6749 §2.3.1: client id and secret are form-encoded before they go into Basic auth.
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return colon >= 0 && decode(decoded.slice(0, colon)) === user && sameSecret(password, decode(decoded.slice(colon + 1)));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The consent page: the request's parameters ride along in hidden fields to /authorize/decision. */
function consentPage(q: URLSearchParams, username: string, problem: string | null): string {
  const hidden = [...q]
    .filter(([name]) => name !== 'username' && name !== 'password')
    .map(([name, value]) => `    <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in to Example Test Mail</title></head>
<body>
  <main>
  <h1>Sign in to Example Test Mail</h1>
  ${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
  <form method="post" action="/authorize/decision">
${hidden}
    <p><label for="username">Email address</label>
    <input id="username" name="username" type="email" autocomplete="username" value="${escapeHtml(username)}"></p>
    <p><label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password"></p>
    <p><button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button></p>
  </form>
  </main>
</body>
</html>
`;
}
