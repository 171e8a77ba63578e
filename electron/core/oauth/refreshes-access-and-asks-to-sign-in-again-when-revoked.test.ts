import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { findClosedPort } from '../testing/closed-port';
import { needsSignInAgain, refreshAccessToken, signIn } from './authorize';
import { startTestAuthorizationServer, type TestAuthorizationServer } from './testing/authorization-server';
import { fakeBrowser } from './testing/fake-browser';
import { signInOptions, TEST_CLIENT_ID } from './testing/sign-in-fixture';

let server: TestAuthorizationServer;
beforeAll(async () => {
  server = await startTestAuthorizationServer(TEST_CLIENT_ID);
});
afterAll(() => server.close());

async function signedIn() {
  const options = signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open });
  const tokens = await signIn(options);
  return { options, tokens };
}

describe('refreshAccessToken', () => {
  it('gets a new access token and keeps the refresh token the server did not rotate', async () => {
    const { options, tokens } = await signedIn();
    const refreshed = await refreshAccessToken({ ...options, refreshToken: tokens.refreshToken, now: () => 1_000 });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.expiresAt).toBe(1_000 + 1_800_000);
  });

  it('asks to sign in again, as one distinct error, when the refresh token was revoked', async () => {
    const { options, tokens } = await signedIn();
    server.revoke(tokens.refreshToken);
    const error = await refreshAccessToken({ ...options, refreshToken: tokens.refreshToken }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SealmailError);
    expect((error as SealmailError).code).toBe('PASSWORD_REQUIRED');
    expect((error as SealmailError).message).toBe("Test Mail no longer accepts Sealmail's sign-in for this account (it was revoked or has expired); sign in with Test Mail again.");
    expect(needsSignInAgain(error)).toBe(true);
  });

  it('does not ask to sign in again when the token endpoint is only unreachable', async () => {
    const { options, tokens } = await signedIn();
    const error = await refreshAccessToken({ ...options, provider: { ...options.provider, tokenEndpoint: `https://127.0.0.1:${await findClosedPort()}/token` }, refreshToken: tokens.refreshToken })
      .then(() => null, (e: unknown) => e);
    expect((error as SealmailError).code).toBe('HOST_UNREACHABLE');
    expect(needsSignInAgain(error)).toBe(false);
  });
});
