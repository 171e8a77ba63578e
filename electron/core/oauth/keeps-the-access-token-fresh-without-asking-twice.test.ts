/**
 * The credential source of an OAuth 2.0 account: it hands out the access token it has until a
 * minute before expiry, then refreshes once for all callers at the same moment, keeps the grant
 * as passwords are kept, and after a revoked grant answers "sign in again" without asking the
 * provider again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../ports';
import { signIn } from './authorize';
import { OAuthCredentials, OAuthGrantStore } from './oauth-credentials';
import { startTestAuthorizationServer, type TestAuthorizationServer } from './testing/authorization-server';
import { fakeBrowser } from './testing/fake-browser';
import { signInOptions, TEST_CLIENT_ID } from './testing/sign-in-fixture';

let server: TestAuthorizationServer;
beforeAll(async () => {
  server = await startTestAuthorizationServer(TEST_CLIENT_ID);
});
afterAll(() => server.close());

async function signedInCredentials() {
  const options = signInOptions(server, { openBrowser: fakeBrowser(server.caPem).open });
  let now = 1_000_000;
  const tokens = await signIn({ ...options, now: () => now });
  const secrets = new MemorySecretStore();
  const grants = new OAuthGrantStore(secrets);
  await grants.set('a1', { refreshToken: tokens.refreshToken, refreshedAt: new Date(now).toISOString() });
  const credentials = new OAuthCredentials({
    accountId: 'a1',
    address: 'alice@example.test',
    provider: { ...options.provider, id: 'test', scopes: [], imap: { host: 'x', port: 993 }, smtp: { host: 'x', port: 465 }, domains: [] },
    client: { clientId: TEST_CLIENT_ID },
    grants,
    trust: options.trust,
    now: () => now,
  });
  credentials.adopt(tokens);
  return { credentials, tokens, grants, secrets, advance: (ms: number) => (now += ms) };
}

describe('OAuthCredentials', () => {
  it('keeps the access token until a minute before it expires, then refreshes it once for every caller', async () => {
    const { credentials, tokens, grants, advance } = await signedInCredentials();
    expect((await credentials.current()).accessToken).toBe(tokens.accessToken);
    const before = server.tokenRequests;

    advance(3600_000 - 61_000);
    expect((await credentials.current()).accessToken).toBe(tokens.accessToken);
    expect(server.tokenRequests).toBe(before);

    advance(2_000);
    const [first, second] = await Promise.all([credentials.current(), credentials.current()]);
    expect(first.accessToken).not.toBe(tokens.accessToken);
    expect(second.accessToken).toBe(first.accessToken);
    expect(server.tokenRequests).toBe(before + 1);
    expect(first).toMatchObject({ user: 'alice@example.test', issuerName: 'Test Mail' });
    expect((await grants.get('a1'))?.refreshedAt).toBe(new Date(1_000_000 + 3600_000 - 59_000).toISOString());
  });

  it('renews once after a refusal, and hands the newer token to a caller still holding the old one', async () => {
    const { credentials, tokens } = await signedInCredentials();
    const stale = await credentials.current();
    const renewed = await credentials.renewAfterRefusal(stale);
    expect(renewed?.accessToken).not.toBe(tokens.accessToken);
    const before = server.tokenRequests;
    expect((await credentials.renewAfterRefusal(stale))?.accessToken).toBe(renewed?.accessToken);
    expect(server.tokenRequests).toBe(before);
  });

  it('after a revoked grant says to sign in again, forgets the grant and does not ask the provider again', async () => {
    const { credentials, tokens, secrets } = await signedInCredentials();
    server.revoke(tokens.refreshToken);
    const refused = await credentials.renewAfterRefusal(await credentials.current()).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'PASSWORD_REQUIRED', message: expect.stringContaining('choose Sign in with Test Mail again in Connection security') });
    expect(await secrets.get('account:a1:oauth')).toBeNull();
    const before = server.tokenRequests;
    await expect(credentials.current()).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    expect(server.tokenRequests).toBe(before);
  });
});
