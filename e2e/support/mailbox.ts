/** Puts messages into a test user's mailbox and reads what arrived, over IMAP trusting only the test CA. */
import { ImapFlow } from 'imapflow';
import type { MailServersInfo, TestUser } from '../servers/mail-servers';

/** Runs `work` with a logged-in IMAP client for `user`, logging out afterwards. */
export async function withClient<T>(servers: MailServersInfo, user: TestUser, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: true,
    tls: { ca: [servers.caCertPem] },
    auth: { user: user.address, pass: user.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

/** Appends raw RFC 5322 messages (LF or CRLF) to a folder, unread. */
export async function appendMessages(servers: MailServersInfo, user: TestUser, raws: string[], folder = 'INBOX'): Promise<void> {
  await withClient(servers, user, async (client) => {
    for (const raw of raws) await client.append(folder, Buffer.from(raw.replace(/\r?\n/g, '\r\n')), []);
  });
}

/** The raw source of the newest message with `subject`, polling until it arrives (bounded). */
export async function sourceOf(servers: MailServersInfo, user: TestUser, subject: string, folder = 'INBOX'): Promise<string | null> {
  return pollForSource(servers, user, folder, async (client) => ((await client.search({ subject }, { uid: true })) || []).at(-1));
}

/** Polls `folder` (about 15 s) until `find` names a UID, and returns that message's source; null if none came. */
async function pollForSource(servers: MailServersInfo, user: TestUser, folder: string, find: (client: ImapFlow) => Promise<number | undefined>): Promise<string | null> {
  return withClient(servers, user, async (client) => {
    for (let attempt = 0; attempt < 75; attempt++) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uid = await find(client);
        if (uid !== undefined) {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (message && message.source) return message.source.toString('utf8');
        }
      } finally {
        lock.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  });
}

/**
 * The outer subject of encrypted mail with protected headers (RFC 9788): the real one travels
 * inside, so a test finds encrypted mail by this placeholder and by being newer than a UID.
 */
export const OBSCURED_SUBJECT = '[...]';

/** The highest UID in `folder` now (0 when empty): what arrives later is above it. */
export async function newestUid(servers: MailServersInfo, user: TestUser, folder = 'INBOX'): Promise<number> {
  return withClient(servers, user, async (client) => {
    const status = await client.status(folder, { uidNext: true });
    return status ? (status.uidNext ?? 1) - 1 : 0;
  });
}

/** The source of the first encrypted message (outer subject "[...]") above UID `after`, polling until it arrives (bounded). */
export async function encryptedSourceAfter(servers: MailServersInfo, user: TestUser, after: number, folder = 'INBOX'): Promise<string | null> {
  return pollForSource(servers, user, folder, async (client) =>
    ((await client.search({ uid: `${after + 1}:*`, subject: OBSCURED_SUBJECT }, { uid: true })) || []).find((uid) => uid > after));
}

/** The source of the message with `messageId` (as sendMessage returns it), polling until it arrives (bounded). */
export async function sourceByMessageId(servers: MailServersInfo, user: TestUser, messageId: string, folder = 'INBOX'): Promise<string | null> {
  return pollForSource(servers, user, folder, async (client) => ((await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [])[0]);
}
