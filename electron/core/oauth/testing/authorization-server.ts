/**
 * A tiny OAuth 2.0 authorization server for the sign-in tests, on 127.0.0.1 over HTTPS with a
 * certificate from a test CA the client is told to trust. Its authorization endpoint redirects
 * straight back with a code (no login page); its token endpoint checks the PKCE verifier against
 * the challenge (RFC 7636 §4.6) and issues tokens. Misbehaviours are switched with `behave`.
 */
import { createHash, randomBytes } from 'node:crypto';
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

interface IssuedCode { clientId: string; redirectUri: string; challenge: string; used: boolean }

export interface TestAuthorizationServer {
  caPem: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  behave: Misbehaviour;
  /** Every authorization request's query, in order. */
  authorizationRequests: URLSearchParams[];
  /** How many code exchanges passed the PKCE check. */
  pkceVerified: number;
  tokenRequests: number;
  revoke(refreshToken: string): void;
  close(): Promise<void>;
}

/** `plainHttp` serves http: instead, only to show it is refused unless a test explicitly allows it. */
export async function startTestAuthorizationServer(clientId: string, { plainHttp = false } = {}): Promise<TestAuthorizationServer> {
  const authority = makeTestAuthority();
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Map<string, boolean>(); // token → revoked
  const token = () => randomBytes(16).toString('hex');

  const state: Omit<TestAuthorizationServer, 'issuer' | 'authorizationEndpoint' | 'tokenEndpoint' | 'close'> = {
    caPem: authority.caPem,
    behave: {},
    authorizationRequests: [],
    pkceVerified: 0,
    tokenRequests: 0,
    revoke: (refreshToken) => refreshTokens.set(refreshToken, true),
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      state.authorizationRequests.push(q);
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== clientId || !redirectUri.startsWith('http://127.0.0.1:') || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end('bad authorization request');
        return;
      }
      if (state.behave.neverRedirect) {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<p>Sign in</p>');
        return;
      }
      const back = new URL(redirectUri);
      if (state.behave.issParameter) back.searchParams.set('iss', state.behave.issParameter);
      back.searchParams.set('state', state.behave.forgeState ? 'forged-state' : q.get('state') ?? '');
      if (state.behave.errorRedirect) {
        back.searchParams.set('error', state.behave.errorRedirect);
        back.searchParams.set('error_description', 'The user said no');
      } else {
        const code = token();
        codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, used: false });
        back.searchParams.set('code', code);
      }
      response.writeHead(302, { location: back.toString() });
      response.end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      state.tokenRequests += 1;
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (state.behave.tokenGarbage !== undefined) {
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end(state.behave.tokenGarbage);
          return;
        }
        const form = new URLSearchParams(body);
        if (form.get('client_id') !== clientId) return json(401, { error: 'invalid_client' });
        if (form.get('grant_type') === 'authorization_code') {
          const issued = codes.get(form.get('code') ?? '');
          if (!issued || issued.used || issued.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
          issued.used = true;
          const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
          if (challenge !== issued.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          state.pkceVerified += 1;
          const refreshToken = token();
          refreshTokens.set(refreshToken, false);
          return json(200, { access_token: token(), token_type: 'Bearer', expires_in: 3600, ...(state.behave.omitRefreshToken ? {} : { refresh_token: refreshToken }) });
        }
        if (form.get('grant_type') === 'refresh_token') {
          const revoked = refreshTokens.get(form.get('refresh_token') ?? '');
          if (revoked !== false) return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
          return json(200, { access_token: token(), token_type: 'Bearer', expires_in: 1800 });
        }
        return json(400, { error: 'unsupported_grant_type' });
      });
      return;
    }
    response.writeHead(404);
    response.end();
  };
  const server: Server = plainHttp ? createHttpServer(handle) : createHttpsServer(authority.issue(), handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `${plainHttp ? 'http' : 'https'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    issuer: base,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}
