import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
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

async function failure(promise: Promise<unknown>): Promise<SealmailError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SealmailError);
  return error as SealmailError;
}

describe('signIn refuses', () => {
  it('a redirect whose state is not the one it sent, without exchanging the code', async () => {
    server.behave = { forgeState: true };
    const tokenRequests = server.tokenRequests;
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open })));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toBe('The answer that came back to Sealmail did not belong to the sign-in it started with Test Mail, so it was ignored; try signing in again.');
    expect(server.tokenRequests).toBe(tokenRequests);
  });

  it('an error redirect, naming the provider and its error', async () => {
    server.behave = { errorRedirect: 'access_denied' };
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open })));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe('Test Mail did not grant access (access_denied: The user said no).');
  });

  it('to wait forever for a redirect that never comes', async () => {
    server.behave = { neverRedirect: true };
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open, timeoutMs: 300 })));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('The sign-in with Test Mail was not finished within a minute');
  });

  it('a redirect arriving twice: the second gets a refusal page and the code is exchanged once', async () => {
    const browser = fakeBrowser(server.caPem, { replay: true });
    const tokenRequests = server.tokenRequests;
    const tokens = await signIn(signInOptions(server, { openBrowser: browser.open }));
    expect(tokens.accessToken).toBeTruthy();
    expect(browser.pages.map((p) => p.status)).toEqual([200, 409]);
    expect(browser.pages[1]!.body).toContain('This sign-in was already answered, so Sealmail ignored this request.');
    expect(server.tokenRequests).toBe(tokenRequests + 1);
  });

  it('a redirect naming another issuer (a mix-up, RFC 9207), without exchanging the code', async () => {
    server.behave = { issParameter: 'https://attacker.example.test' };
    const tokenRequests = server.tokenRequests;
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open })));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(server.tokenRequests).toBe(tokenRequests);
  });

  it.each([
    ['an HTML page', '<html>Service Unavailable</html>'],
    ['JSON without an access token', '{"token_type":"Bearer","refresh_token":"r"}'],
    ['a token of an unknown type', '{"access_token":"a","token_type":"Weird","refresh_token":"r"}'],
  ])('garbage from the token endpoint: %s', async (_what, garbage) => {
    server.behave = { tokenGarbage: garbage };
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open })));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toBe("Test Mail's token endpoint answered with something that is not a valid token response; nothing was saved.");
  });

  it('tokens without a refresh token, since it could not stay signed in', async () => {
    server.behave = { omitRefreshToken: true };
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open })));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toContain('gave Sealmail no refresh token');
  });

  it('an http: token endpoint without the explicit test setting, before opening the browser', async () => {
    const browser = fakeBrowser(server.caPem);
    const options = signInOptions(server, { openBrowser: browser.open });
    const error = await failure(signIn({ ...options, provider: { ...options.provider, tokenEndpoint: 'http://127.0.0.1:9/token' } }));
    expect(error.code).toBe('TLS_REQUIRED');
    expect(error.message).toBe('The token endpoint of Test Mail http://127.0.0.1:9 is not HTTPS; Sealmail only signs in over HTTPS.');
    expect(browser.opened).toEqual([]);
  });

  it('an http: loopback server only until the test setting allows it', async () => {
    const plain = await startTestAuthorizationServer(TEST_CLIENT_ID, { plainHttp: true });
    try {
      const refused = await failure(signIn(signInOptions(plain, { openBrowser: fakeBrowser(plain.caPem).open })));
      expect(refused.code).toBe('TLS_REQUIRED');
      const tokens = await signIn(signInOptions(plain, { openBrowser: fakeBrowser(plain.caPem).open, allowHttpLoopbackIssuer: true }));
      expect(tokens.refreshToken).toBeTruthy();
      expect(plain.pkceVerified).toBe(1);
    } finally {
      await plain.close();
    }
  });

  it('an http: token endpoint that is not loopback even with the test setting', async () => {
    const options = signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open, allowHttpLoopbackIssuer: true });
    const error = await failure(signIn({ ...options, provider: { ...options.provider, tokenEndpoint: 'http://token.example.test/token' } }));
    expect(error.code).toBe('TLS_REQUIRED');
  });

  it('a token endpoint whose certificate its trust does not vouch for', async () => {
    const error = await failure(signIn(signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open, trust: { extraTrustAnchors: [] } })));
    expect(error.code).toBe('CERT_UNTRUSTED');
    expect(error.message).toContain('is not trusted');
  });
});
