/**
 * IMAP and submission refuse an access token the authorization server no longer vouches for
 * (revoked, expired) or that belongs to someone else; Dovecot asks the server's introspection
 * endpoint for every login, so the refusal is immediate. Each token first works, so a refusal
 * is the token's doing and not a broken setup.
 */
import { describe, expect, inject, it } from 'vitest';
import { imapWithToken, smtpWithToken, withImap } from './token-clients';
import { expireAccessTokens, revokeToken } from './token-controls';
import { tokensForTestUser } from './token-for-test-user';

const servers = inject('mailServers');
const { alice, bob } = servers.users;

async function imapAccepts(address: string, accessToken: string): Promise<boolean> {
  return withImap(imapWithToken(servers, address, accessToken), async () => true).catch((err: unknown) => {
    if ((err as { authenticationFailed?: boolean }).authenticationFailed) return false;
    throw err;
  });
}

async function smtpAccepts(address: string, accessToken: string): Promise<boolean> {
  const transport = smtpWithToken(servers, address, accessToken);
  try {
    return await transport.verify();
  } catch (err) {
    if ((err as { code?: string }).code === 'EAUTH') return false;
    throw err;
  } finally {
    transport.close();
  }
}

describe('mail servers refuse access tokens that are no longer good', () => {
  it('refuses a revoked access token over IMAP and SMTP', async () => {
    const { accessToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, alice);
    expect(await imapAccepts(alice.address, accessToken)).toBe(true);
    expect(await smtpAccepts(alice.address, accessToken)).toBe(true);
    await revokeToken(servers.oauth, servers.caCertPem, accessToken);
    expect(await imapAccepts(alice.address, accessToken)).toBe(false);
    expect(await smtpAccepts(alice.address, accessToken)).toBe(false);
  });

  it('refuses the access tokens of a revoked refresh token (RFC 7009 §2.1)', async () => {
    const { accessToken, refreshToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, alice);
    expect(await imapAccepts(alice.address, accessToken)).toBe(true);
    await revokeToken(servers.oauth, servers.caCertPem, refreshToken);
    expect(await imapAccepts(alice.address, accessToken)).toBe(false);
    expect(await smtpAccepts(alice.address, accessToken)).toBe(false);
  });

  it('refuses an expired access token over IMAP and SMTP', async () => {
    // bob's, so expiring all his tokens leaves the other tests' tokens (alice's) alone.
    const { accessToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, bob);
    expect(await imapAccepts(bob.address, accessToken)).toBe(true);
    await expireAccessTokens(servers.oauth, servers.caCertPem, bob.address);
    expect(await imapAccepts(bob.address, accessToken)).toBe(false);
    expect(await smtpAccepts(bob.address, accessToken)).toBe(false);
  });

  it("refuses bob's token used to log in as alice", async () => {
    const { accessToken } = await tokensForTestUser(servers.oauth, servers.caCertPem, bob);
    expect(await imapAccepts(bob.address, accessToken)).toBe(true);
    expect(await imapAccepts(alice.address, accessToken)).toBe(false);
    expect(await smtpAccepts(alice.address, accessToken)).toBe(false);
  });
});
