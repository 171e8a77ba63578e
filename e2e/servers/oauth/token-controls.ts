// What a test does to tokens at the authorization server from outside it (the mail servers, and so
// the authorization server, may run in another process): revoke (RFC 7009) or expire them now.
import type { MailServersOAuth } from './mail-authorization-server.js';
import { postFormOk } from './https-request.js';

type OAuth = Pick<MailServersOAuth, 'revocationEndpoint' | 'testingBase' | 'clientId'>;

/** Revokes an access or a refresh token, as the app does when an account is removed. */
export async function revokeToken(oauth: OAuth, caPem: string, token: string): Promise<void> {
  await postFormOk(oauth.revocationEndpoint, caPem, { token, client_id: oauth.clientId });
}

/** Makes every access token of `address` expired now; its refresh tokens still work. */
export async function expireAccessTokens(oauth: OAuth, caPem: string, address: string): Promise<void> {
  await postFormOk(`${oauth.testingBase}/expire-access-tokens`, caPem, { user: address });
}

/** Revokes every refresh token of `address`, as a user signing out everywhere would. */
export async function revokeRefreshTokens(oauth: OAuth, caPem: string, address: string): Promise<void> {
  await postFormOk(`${oauth.testingBase}/revoke-refresh-tokens`, caPem, { user: address });
}
