/** Shared setup for the sign-in tests: the test authorization server and sign-in options aimed at it. */
import type { SignInOptions } from '../authorize';
import type { TestAuthorizationServer } from './authorization-server';

export const TEST_CLIENT_ID = 'sealmail-test-client';

export function signInOptions(server: TestAuthorizationServer, overrides: Partial<SignInOptions> & Pick<SignInOptions, 'openBrowser'>): SignInOptions {
  return {
    provider: { name: 'Test Mail', issuer: server.issuer, authorizationEndpoint: server.authorizationEndpoint, tokenEndpoint: server.tokenEndpoint },
    clientId: TEST_CLIENT_ID,
    scopes: ['mail-w', 'offline_access'],
    timeoutMs: 10_000,
    trust: { extraTrustAnchors: [server.caPem] },
    ...overrides,
  };
}
