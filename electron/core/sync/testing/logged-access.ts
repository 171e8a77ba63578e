/**
 * A MailboxAccess for sync tests that records the IMAP conversation: an imapflow client with the
 * app's own connection options (TLS verified, QRESYNC enabled where offered) whose logger keeps
 * every command sent and every response line received, so a test can prove which commands a sync
 * used, not only what it stored.
 */
import { ImapFlow } from 'imapflow';
import type { MailServersInfo } from '../../../../e2e/servers/mail-servers';
import { imapOptions } from '../../transport/tls-policy';
import type { MailboxAccess } from '../sync-folder';

export interface LoggedAccess extends MailboxAccess {
  /** Commands sent, in order, as imapflow wrote them (C:) */
  sent(): string[];
  /** Untagged and tagged responses received, in order (S:) */
  received(): string[];
  clearLog(): void;
  close(): Promise<void>;
}

interface LogEntry {
  src?: string;
  msg?: string;
}

export async function loggedAccess(servers: MailServersInfo): Promise<LoggedAccess> {
  const sent: string[] = [];
  const received: string[] = [];
  const record = (entry: LogEntry) => {
    if (entry.src === 'c' && entry.msg) sent.push(entry.msg);
    if (entry.src === 's' && entry.msg) received.push(entry.msg);
  };
  const logger = { trace: () => undefined, debug: record, info: record, warn: record, error: record, fatal: record };
  const { alice } = servers.users;
  const client = new ImapFlow({
    ...imapOptions({ host: servers.host, port: servers.imapPort }, { user: alice.address, pass: alice.password }, { extraTrustAnchors: [servers.caCertPem] }),
    logger,
  });
  client.on('error', () => undefined);
  await client.connect();
  return {
    run: (work) => work(client),
    async withMailbox(path, work) {
      const lock = await client.getMailboxLock(path);
      try {
        return await work(client);
      } finally {
        lock.release();
      }
    },
    sent: () => [...sent],
    received: () => [...received],
    clearLog() {
      sent.length = 0;
      received.length = 0;
    },
    close: () => client.logout().catch(() => client.close()),
  };
}
