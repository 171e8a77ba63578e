import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from './authorize';
import { startTestAuthorizationServer, type TestAuthorizationServer } from './testing/authorization-server';
import { fakeBrowser } from './testing/fake-browser';
import { signInOptions, TEST_CLIENT_ID } from './testing/sign-in-fixture';

let server: TestAuthorizationServer;
beforeAll(async () => {
  server = await startTestAuthorizationServer(TEST_CLIENT_ID);
});
afterAll(() => server.close());
beforeEach(() => {
  server.behave = {};
});

describe('signIn', () => {
  it('returns tokens once the server has checked the PKCE verifier against the S256 challenge', async () => {
    const browser = fakeBrowser(server.caPem);
    const before = Date.now();
    const tokens = await signIn(signInOptions(server, { openBrowser: browser.open, loginHint: 'alice@example.test' }));

    expect(server.pkceVerified).toBe(1);
    expect(tokens.accessToken).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens.refreshToken).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);

    const sent = server.authorizationRequests.at(-1)!;
    expect(sent.get('code_challenge_method')).toBe('S256');
    expect(sent.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(sent.get('scope')).toBe('mail-w offline_access');
    expect(sent.get('login_hint')).toBe('alice@example.test');
    expect(sent.get('response_type')).toBe('code');
    expect(sent.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(browser.pages).toEqual([{ status: 200, body: expect.stringContaining('You can close this window and return to Sealmail.'), location: undefined }]);
  });

  it('uses a fresh verifier, state and port for every sign-in', async () => {
    await signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open }));
    await signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open }));
    const [a, b] = server.authorizationRequests.slice(-2);
    expect(a!.get('state')).not.toBe(b!.get('state'));
    expect(a!.get('code_challenge')).not.toBe(b!.get('code_challenge'));
    expect(a!.get('redirect_uri')).not.toBe(b!.get('redirect_uri'));
  });

  it('leaves an intercepted code useless to whoever lacks the verifier (the server really checks PKCE)', async () => {
    const browser = fakeBrowser(server.caPem, {
      intercept: async (callback) => {
        const stolen = new URLSearchParams({
          grant_type: 'authorization_code', code: callback.searchParams.get('code')!, client_id: TEST_CLIENT_ID,
          redirect_uri: `${callback.origin}${callback.pathname}`, code_verifier: 'a'.repeat(43),
        });
        expect(await post(server.tokenEndpoint, stolen.toString(), server.caPem)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'PKCE verification failed' } });
      },
    });
    const error = await signIn(signInOptions(server, { openBrowser: browser.open })).then(() => null, (e: unknown) => e);
    // The code was spent by the thief's failed attempt, so the real client is refused too: nobody got tokens.
    expect(error).toMatchObject({ code: 'AUTH_FAILED', message: 'Test Mail refused to issue tokens (invalid_grant); nothing was saved.' });
  });

  it('stops listening on the loopback port once the sign-in is over', async () => {
    const browser = fakeBrowser(server.caPem);
    await signIn(signInOptions(server, { openBrowser: browser.open }));
    const redirectUri = server.authorizationRequests.at(-1)!.get('redirect_uri')!;
    const refused = await new Promise<string>((resolve) => {
      const req = request(redirectUri, () => resolve('answered'));
      req.on('error', (error: Error & { code?: string }) => resolve(error.code ?? 'error'));
      req.end();
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

function post(url: string, body: string, caPem: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca: caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
