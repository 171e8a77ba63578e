/**
 * Dovecot (IMAP, and through its SASL Postfix submission) accepts an OAuth 2.0 access token from the
 * authorization server that runs next to the test mail servers, after TLS only; the token comes from
 * its consent page with PKCE, as the app will get one.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, inject, it } from 'vitest';
import { waitForSubject } from '../../support/imap-check';
import { httpsRequest } from './https-request';
import { ehloAfterTls, imapWithToken, smtpWithToken, withImap } from './token-clients';
import { tokensForTestUser } from './token-for-test-user';

const servers = inject('mailServers');
const { alice, bob } = servers.users;

describe('mail servers accept OAuth 2.0 access tokens', () => {
  it('gives alice tokens for her password on the consent page, and refuses a wrong one', async () => {
    const tokens = await tokensForTestUser(servers.oauth, servers.caCertPem, alice);
    expect(tokens.accessToken).toMatch(/^\w{16,}$/);
    expect(tokens.refreshToken).toMatch(/^\w{16,}$/);
    expect(tokens.expiresIn).toBe(3600);
    await expect(tokensForTestUser(servers.oauth, servers.caCertPem, { address: alice.address, password: 'not-her-password' }))
      .rejects.toThrow(/Wrong password/);
  });

  it('shows a labelled consent page prefilled from login_hint, and Deny redirects with access_denied', async () => {
    const url = new URL(servers.oauth.authorizationEndpoint);
    const query = {
      response_type: 'code', client_id: servers.oauth.clientId, redirect_uri: 'http://127.0.0.1:9/cb', state: 'st4te',
      code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', login_hint: alice.address,
    };
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const page = await httpsRequest(url.toString(), servers.caCertPem);
    const document = new JSDOM(page.body).window.document;
    expect(document.querySelector('h1')?.textContent).toBe('Sign in to Example Test Mail');
    expect(document.querySelector<HTMLInputElement>('input#username')?.value).toBe(alice.address);
    expect(document.querySelector('label[for=username]')).not.toBeNull();
    expect(document.querySelector('label[for=password]')).not.toBeNull();
    expect([...document.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Allow', 'Deny']);

    const denied = await httpsRequest(new URL('/authorize/decision', url).toString(), servers.caCertPem, new URLSearchParams({ ...query, decision: 'deny' }));
    expect(denied.status).toBe(302);
    const back = new URL(denied.location ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st4te');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('logs alice in to IMAP over implicit TLS with her access token and lists INBOX', async () => {
    const { accessToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, alice);
    const mailboxes = await withImap(imapWithToken(servers, alice.address, accessToken), (client) => client.list());
    expect(mailboxes.map((m) => m.path)).toContain('INBOX');
  });

  it('takes the token on the STARTTLS port only after STARTTLS', async () => {
    const { accessToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, alice);
    const starttls = { port: servers.imapStarttlsPort, secure: false };
    const opened = await withImap(imapWithToken(servers, alice.address, accessToken, { ...starttls, doSTARTTLS: true }), async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      lock.release();
      return client.mailbox && client.mailbox.path;
    });
    expect(opened).toBe('INBOX');
    // Dovecot counts plaintext loopback as secured; dovecot.ts denies tokens there (see its deny passdb).
    const clear = imapWithToken(servers, alice.address, accessToken, { ...starttls, doSTARTTLS: false });
    await expect(clear.connect()).rejects.toMatchObject({ authenticationFailed: true });
    clear.close();
  });

  it('lists XOAUTH2 and OAUTHBEARER in the EHLO of submission after TLS', async () => {
    const auth = (await ehloAfterTls(servers)).find((line) => line.startsWith('AUTH '))?.split(' ') ?? [];
    expect(auth).toEqual(expect.arrayContaining(['XOAUTH2', 'OAUTHBEARER', 'PLAIN']));
  });

  it('submits a message from alice with her access token, and bob receives it', async () => {
    const { accessToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, alice);
    const subject = `sent with an OAuth token ${Date.now()}`;
    const info = await smtpWithToken(servers, alice.address, accessToken).sendMail({
      from: alice.address, to: bob.address, subject, text: 'Hello Bob, no password involved',
    });
    expect(info.accepted).toEqual([bob.address]);
    expect(await waitForSubject(servers, bob, subject)).toBe(true);
  }, 20_000);
});
