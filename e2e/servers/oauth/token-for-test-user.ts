// Gets OAuth 2.0 tokens for a test user without the app: walks the authorization server's consent
// page like a browser would, then exchanges the code with PKCE S256 (RFC 7636). The redirect URI is a
// loopback one (RFC 8252 §7.3) that nothing listens on: the code is read from the 302's Location.
import { createHash, randomBytes } from 'node:crypto';
import { JSDOM } from 'jsdom';
import type { MailServersOAuth } from './mail-authorization-server.js';
import { httpsRequest } from './https-request.js';

export interface TestUserTokens { accessToken: string; refreshToken: string; expiresIn: number }

// Port 9 (discard) on loopback: any port does, since the redirect is never followed.
const REDIRECT_URI = 'http://127.0.0.1:9/oauth/callback';

/**
 * Signs `user` in with their password on the consent page and returns the tokens.
 * Throws when the page refuses the password or anything else is off.
 */
export async function tokensForTestUser(
  oauth: Pick<MailServersOAuth, 'authorizationEndpoint' | 'tokenEndpoint' | 'clientId'>,
  caPem: string,
  user: { address: string; password: string },
  { scope = 'https://mail.example.test/' }: { scope?: string } = {},
): Promise<TestUserTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(oauth.authorizationEndpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code', client_id: oauth.clientId, redirect_uri: REDIRECT_URI, scope, state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', login_hint: user.address,
  })) authorize.searchParams.set(name, value);

  const page = await httpsRequest(authorize.toString(), caPem);
  if (page.status !== 200) throw new Error(`the authorization endpoint answered ${page.status}, not its consent page`);
  const [action, fields] = consentSubmission(page.body, authorize, user);
  const decision = await httpsRequest(action, caPem, fields);
  if (decision.status !== 302 || !decision.location) {
    const alert = new JSDOM(decision.body).window.document.querySelector('[role=alert]')?.textContent;
    throw new Error(`the consent page did not let ${user.address} in: ${alert ?? decision.status}`);
  }
  const back = new URL(decision.location);
  if (`${back.origin}${back.pathname}` !== REDIRECT_URI || back.searchParams.get('state') !== state) {
    throw new Error(`unexpected redirect to ${back.origin}${back.pathname} (or with another state)`);
  }
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in the redirect: error=${back.searchParams.get('error') ?? ''}`);

  const exchange = await httpsRequest(oauth.tokenEndpoint, caPem, new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: oauth.clientId, code_verifier: verifier,
  }));
  if (exchange.status !== 200) throw new Error(`the token endpoint answered ${exchange.status}: ${exchange.body}`);
  const tokens = JSON.parse(exchange.body) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
  if (typeof tokens.access_token !== 'string' || typeof tokens.refresh_token !== 'string' || typeof tokens.expires_in !== 'number') {
    throw new Error(`the token endpoint's answer lacks tokens: ${exchange.body}`);
  }
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in };
}

/** The consent form filled in and "Allow" pressed: its action and fields. */
export function consentSubmission(html: string, pageUrl: URL, user: { address: string; password: string }): [string, URLSearchParams] {
  const form = new JSDOM(html).window.document.querySelector('form');
  if (!form) throw new Error('the consent page has no form');
  const fields = new URLSearchParams();
  for (const input of form.querySelectorAll('input[type=hidden]')) {
    fields.append(input.getAttribute('name') ?? '', input.getAttribute('value') ?? '');
  }
  fields.set('username', user.address);
  fields.set('password', user.password);
  const allow = [...form.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Allow');
  if (!allow) throw new Error('the consent page has no Allow button');
  fields.set(allow.getAttribute('name') ?? 'decision', allow.getAttribute('value') ?? '');
  return [new URL(form.getAttribute('action') ?? '', pageUrl).toString(), fields];
}
