/** Sync tests' (and the mail benchmarks') view of the real Dovecot: a session as the app makes it, and a second client to compare and meddle with. */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailServersInfo } from '../../../../e2e/servers/mail-servers';
import { ImapSession } from '../../transport/imap-session';
import type { TrustSettings } from '../../transport/tls-policy';

/** One set of trust settings per test CA, as the app has one per core (its TLS context is built once). */
const trustByCa = new Map<string, TrustSettings>();

export function appSession(servers: MailServersInfo, port = servers.imapPort): ImapSession {
  const { alice } = servers.users;
  let trust = trustByCa.get(servers.caCertPem);
  if (!trust) trustByCa.set(servers.caCertPem, (trust = { extraTrustAnchors: [servers.caCertPem] }));
  return new ImapSession({ host: servers.host, port }, { user: alice.address, pass: alice.password }, trust);
}

/** A plain imapflow client as alice, not yet connected: what the benchmarks measure Sealmail against. */
export function bareClient(servers: MailServersInfo, options: Partial<ImapFlowOptions> = {}): ImapFlow {
  const client = new ImapFlow({
    ...options,
    host: servers.host,
    port: servers.imapPort,
    secure: true,
    tls: { ca: [servers.caCertPem] },
    auth: { user: servers.users.alice.address, pass: servers.users.alice.password },
    logger: false,
  });
  client.on('error', () => undefined);
  return client;
}

/** A plain imapflow client as another mail program would be: it changes the mailbox behind Sealmail's back. */
export async function otherClient(servers: MailServersInfo): Promise<ImapFlow> {
  const client = bareClient(servers);
  await client.connect();
  return client;
}

/** UID and flags of every message in a folder, as the server has them. */
export async function serverFlags(client: ImapFlow, path: string): Promise<{ uid: number; seen: boolean; flagged: boolean }[]> {
  const lock = await client.getMailboxLock(path);
  try {
    // Expunges are only reported between commands (never during FETCH): let them arrive first.
    await client.noop();
    const list: { uid: number; seen: boolean; flagged: boolean }[] = [];
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const message of client.fetch('1:*', { uid: true, flags: true })) {
        list.push({ uid: message.uid, seen: message.flags?.has('\\Seen') ?? false, flagged: message.flags?.has('\\Flagged') ?? false });
      }
    }
    return list.sort((a, b) => a.uid - b.uid);
  } finally {
    lock.release();
  }
}

export function plainMessage(subject: string): string {
  return `From: Bob Example <bob@example.test>\r\nTo: alice@example.test\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@example.test>\r\n\r\nHello.\r\n`;
}
