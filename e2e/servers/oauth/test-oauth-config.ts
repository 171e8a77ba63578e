// oauth.json for a Sealmail profile that signs in at the test authorization server: a provider of
// the organisation's own kind ("Example Test Mail") serving example.test with the test mail
// servers, and Sealmail's client ID there. The app reads it exactly as it reads a real one.
import type { MailServersInfo } from '../mail-servers.js';

export const TEST_PROVIDER = { id: 'example-test', name: 'Example Test Mail' } as const;

export function testOAuthConfig(servers: Pick<MailServersInfo, 'host' | 'imapPort' | 'smtpPort' | 'oauth'>) {
  return {
    clients: { [TEST_PROVIDER.id]: { clientId: servers.oauth.clientId } },
    providers: [
      {
        ...TEST_PROVIDER,
        issuer: servers.oauth.issuer,
        authorizationEndpoint: servers.oauth.authorizationEndpoint,
        tokenEndpoint: servers.oauth.tokenEndpoint,
        scopes: ['mail', 'offline_access'],
        imap: { host: servers.host, port: servers.imapPort, security: 'tls' },
        smtp: { host: servers.host, port: servers.smtpPort, security: 'tls' },
        domains: ['example.test'],
      },
    ],
  };
}
