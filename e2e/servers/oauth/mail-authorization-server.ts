// The OAuth 2.0 authorization server that runs next to the e2e mail servers: it signs in alice and
// bob with their passwords on a consent page and issues the access tokens Dovecot (IMAP, and SASL
// for Postfix submission) accepts after asking its introspection endpoint. Served with the mail
// servers' own test CA, so one trusted CA covers IMAP, SMTP and sign-in.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  startTestAuthorizationServer, type TestAuthorizationServer, type TestAuthorizationUser,
} from '../../../electron/core/oauth/testing/authorization-server.js';
import type { DovecotOAuth2 } from '../dovecot.js';
import type { TestCa } from '../test-ca.js';

/** Sealmail's client at the test authorization server: a public client (native app), no secret. */
export const TEST_OAUTH_CLIENT_ID = 'sealmail-test';

/** What a test (or the app) needs to sign in at the authorization server; all https: URLs. */
export type MailServersOAuth = Pick<TestAuthorizationServer, 'issuer' | 'authorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint' | 'introspectionEndpoint' | 'testingBase'> & {
  clientId: typeof TEST_OAUTH_CLIENT_ID;
};

export interface MailAuthorizationServer {
  server: TestAuthorizationServer;
  info: MailServersOAuth;
  /** Dovecot's own credentials for introspection; not part of the info file. */
  dovecot: DovecotOAuth2;
}

export async function startMailAuthorizationServer(ca: TestCa, users: readonly TestAuthorizationUser[]): Promise<MailAuthorizationServer> {
  const resourceServer = { clientId: 'dovecot', secret: randomBytes(24).toString('hex') };
  const server = await startTestAuthorizationServer(TEST_OAUTH_CLIENT_ID, {
    users,
    tls: { key: await readFile(ca.serverKeyPath, 'utf8'), cert: await readFile(ca.serverCertPath, 'utf8'), caPem: ca.caCertPem },
    resourceServer,
  });
  return {
    server,
    info: {
      issuer: server.issuer,
      authorizationEndpoint: server.authorizationEndpoint,
      tokenEndpoint: server.tokenEndpoint,
      revocationEndpoint: server.revocationEndpoint,
      introspectionEndpoint: server.introspectionEndpoint,
      testingBase: server.testingBase,
      clientId: TEST_OAUTH_CLIENT_ID,
    },
    dovecot: { introspectionEndpoint: server.introspectionEndpoint, caCertPath: ca.caCertPath, ...resourceServer },
  };
}

/** For readServersInfo: every field present, and every URL https: on 127.0.0.1. */
export function isMailServersOAuth(v: unknown): v is MailServersOAuth {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const urls = ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'revocationEndpoint', 'introspectionEndpoint', 'testingBase'];
  return o.clientId === TEST_OAUTH_CLIENT_ID && urls.every((key) => {
    const value = o[key];
    return typeof value === 'string' && URL.canParse(value) && new URL(value).protocol === 'https:' && new URL(value).hostname === '127.0.0.1';
  });
}
