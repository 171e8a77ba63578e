/** The two ways the mail benchmarks talk to the test Dovecot: a bare imapflow client, and a session as the app makes it. */
import { ImapFlow } from 'imapflow';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { ImapSession } from '../../electron/core/transport/imap-session';

export function bareClient(servers: MailServersInfo): ImapFlow {
  const c = new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: true,
    tls: { ca: [servers.caCertPem] },
    auth: { user: servers.users.alice.address, pass: servers.users.alice.password },
    logger: false,
  });
  c.on('error', () => undefined);
  return c;
}

export function appSession(servers: MailServersInfo): ImapSession {
  const { alice } = servers.users;
  return new ImapSession({ host: servers.host, port: servers.imapPort }, { user: alice.address, pass: alice.password }, { extraTrustAnchors: [servers.caCertPem] });
}
