/** Looks into a test user's mailbox over IMAP (trusting only the test CA) to see what arrived. */
import type { MailServersInfo, TestUser } from '../servers/mail-servers';
import { withClient } from './mailbox';

/** Polls for a message with `subject` in `folder`; bounded, so a lost message fails the test. */
export async function waitForSubject(servers: MailServersInfo, user: TestUser, subject: string, folder = 'INBOX'): Promise<boolean> {
  return withClient(servers, user, async (client) => {
    for (let attempt = 0; attempt < 75; attempt++) {
      const lock = await client.getMailboxLock(folder);
      try {
        const found = await client.search({ subject });
        if (found && found.length > 0) return true;
      } finally {
        lock.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
  });
}
