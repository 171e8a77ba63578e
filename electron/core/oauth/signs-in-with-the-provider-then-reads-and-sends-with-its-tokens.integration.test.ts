/**
 * The whole OAuth 2.0 account against the real test servers: the core signs alice in at the local
 * authorization server through its loopback redirect (a stand-in for her browser enters her
 * password on the consent page), Dovecot checks the token by introspection for IMAP, Postfix
 * submission through Dovecot's SASL. Then expiry, revocation and a sign-in that never finishes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { approveInTestBrowser } from '../../../e2e/servers/oauth/approve-in-test-browser';
import { testOAuthConfig, TEST_PROVIDER } from '../../../e2e/servers/oauth/test-oauth-config';
import { expireAccessTokens, revokeRefreshTokens } from '../../../e2e/servers/oauth/token-controls';
import { waitForSubject } from '../../../e2e/support/imap-check';
import { MemorySecretStore } from '../ports';
import { coreOnTestServers, value, type CoreOnTestServers } from '../testing/core-on-test-servers';

const servers = inject('mailServers');
const { alice, bob } = servers.users;

let running: CoreOnTestServers | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A core whose "system browser" is alice at her browser, approving every sign-in it is shown. */
async function aliceCore(options: { browser?: (url: string) => Promise<void>; timeoutMs?: number } = {}) {
  const secrets = new MemorySecretStore();
  const opened: string[] = [];
  running = await coreOnTestServers(servers, 'oauth', {
    secrets,
    oauth: {
      openBrowser: async (url) => {
        opened.push(url);
        // The browser works on its own; the core is waiting on its loopback listener meanwhile.
        void (options.browser ?? ((page) => approveInTestBrowser(page, servers.caCertPem, alice)))(url).catch(() => undefined);
      },
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
  });
  await writeFile(join(running.profileDir, 'oauth.json'), JSON.stringify(testOAuthConfig(servers)));
  return { api: running.api, secrets, opened };
}

const oauthSettings = () => ({
  address: alice.address,
  displayName: 'Alice',
  providerId: TEST_PROVIDER.id,
  imap: { host: servers.host, port: servers.imapPort, security: 'tls' as const },
  smtp: { host: servers.host, port: servers.smtpPort, security: 'tls' as const },
});

describe('an account that signs in with OAuth 2.0', () => {
  it('setup offers the provider for the address, signs in through the browser, reads the inbox and sends to bob', async () => {
    const { api, secrets, opened } = await aliceCore();
    expect(value(await api.signInMethod({ address: alice.address }))).toMatchObject({ method: 'oauth2', providerId: TEST_PROVIDER.id, providerName: 'Example Test Mail', problem: null });

    const account = value(await api.addOAuthAccount(oauthSettings()));
    expect(account.signIn).toEqual({ method: 'oauth2', providerId: TEST_PROVIDER.id, providerName: 'Example Test Mail' });
    // The browser was sent to the provider with PKCE S256 and a loopback redirect.
    const authorize = new URL(opened[0]!);
    expect(authorize.origin).toBe(new URL(servers.oauth.authorizationEndpoint).origin);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    // The refresh token is kept as passwords are; there is no password at all.
    expect(await secrets.get(`account:${account.id}:oauth`)).toMatch(/"refreshToken"/);
    expect(await secrets.get(`account:${account.id}:password`)).toBeNull();

    const inbox = value(await api.listMessages({ accountId: account.id, folder: 'INBOX' }));
    expect(inbox.total).toBeGreaterThan(0);
    const subject = `Token-authenticated hello ${Date.now()}`;
    const sent = value(await api.sendMessage({ accountId: account.id, to: [bob.address], subject, text: 'Sent with an OAuth 2.0 token.', sign: false, encrypt: false }));
    expect(sent.accepted).toEqual([bob.address]);
    expect(await waitForSubject(servers, bob, subject)).toBe(true);

    const status = value(await api.accountSignIn({ accountId: account.id }));
    expect(status).toMatchObject({ method: 'oauth2', providerName: 'Example Test Mail', signedIn: true });

    value(await api.removeAccount({ accountId: account.id }));
    expect(await secrets.get(`account:${account.id}:oauth`)).toBeNull();
  });

  it('renews an access token the server no longer takes, once, and goes on sending', async () => {
    const { api } = await aliceCore();
    const account = value(await api.addOAuthAccount(oauthSettings()));
    const before = value(await api.accountSignIn({ accountId: account.id }));
    await expireAccessTokens(servers.oauth, servers.caCertPem, alice.address);

    const subject = `After the token expired ${Date.now()}`;
    value(await api.sendMessage({ accountId: account.id, to: [bob.address], subject, text: 'Renewed.', sign: false, encrypt: false }));
    expect(await waitForSubject(servers, bob, subject)).toBe(true);
    const after = value(await api.accountSignIn({ accountId: account.id }));
    expect(after.method === 'oauth2' && before.method === 'oauth2' && after.lastRefreshedAt! > before.lastRefreshedAt!).toBe(true);
  });

  it('asks once to sign in again when the provider revoked the sign-in, and works again after it', async () => {
    const { api } = await aliceCore();
    const account = value(await api.addOAuthAccount(oauthSettings()));
    // The provider withdraws the grant; the access token in hand runs out as well.
    await revokeRefreshTokens(servers.oauth, servers.caCertPem, alice.address);
    await expireAccessTokens(servers.oauth, servers.caCertPem, alice.address);

    const message = { accountId: account.id, to: [bob.address], subject: 'Not sent', text: 'x', sign: false, encrypt: false };
    const refused = await api.sendMessage(message);
    expect(refused).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED', message: expect.stringContaining('choose Sign in with Example Test Mail again') } });
    expect(value(await api.accountSignIn({ accountId: account.id }))).toMatchObject({ signedIn: false });
    // No loop at the provider: the next attempt fails the same way at once.
    expect(await api.sendMessage(message)).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED' } });

    expect(value(await api.signInAgain({ accountId: account.id }))).toMatchObject({ method: 'oauth2', signedIn: true });
    const subject = `Signed in again ${Date.now()}`;
    value(await api.sendMessage({ ...message, subject }));
    expect(await waitForSubject(servers, bob, subject)).toBe(true);
  });

  it('saves nothing when the browser never comes back', async () => {
    const { api, secrets } = await aliceCore({ browser: async () => undefined, timeoutMs: 1_000 });
    const result = await api.addOAuthAccount(oauthSettings());
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: expect.stringContaining('Example Test Mail') } });
    expect(value(await api.listAccounts({}))).toEqual([]);
    expect(await secrets.get('anything')).toBeNull();
  });

  it('stops waiting when the person cancels, and a second sign-in replaces a first one still waiting', async () => {
    const { api, opened } = await aliceCore({ browser: async () => undefined });
    const first = api.addOAuthAccount(oauthSettings());
    await expect.poll(() => opened.length).toBe(1);
    const second = api.addOAuthAccount(oauthSettings());
    expect(await first).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'This sign-in with Example Test Mail was replaced by a newer one, so its answer will not be used.' } });
    await expect.poll(() => opened.length).toBe(2);
    expect(value(await api.cancelSignIn({}))).toEqual({ cancelled: true });
    expect(await second).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'You stopped the sign-in, so nothing was saved.' } });
    expect(value(await api.cancelSignIn({}))).toEqual({ cancelled: false });
    expect(value(await api.listAccounts({}))).toEqual([]);
  });

  it('says which client ID is missing, and signs nothing in, when oauth.json has none for the provider', async () => {
    const { api, opened } = await aliceCore();
    const config = testOAuthConfig(servers);
    await writeFile(join(running!.profileDir, 'oauth.json'), JSON.stringify({ ...config, clients: {} }));
    expect(value(await api.signInMethod({ address: alice.address }))).toMatchObject({ method: 'oauth2', problem: expect.stringContaining('clients.example-test.clientId') });
    expect(await api.addOAuthAccount(oauthSettings())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(opened).toEqual([]);
  });
});
