/**
 * What every sync test against the real Dovecot sets up: a folder of generated mail, seeded before
 * the file's tests; the app's session on it, opened on first use (through `port()`, a relay, when
 * given); and another mail program changing it behind the app's back. All removed after the tests.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, inject } from 'vitest';
import { seedGeneratedFolder } from '../../../../e2e/servers/seed-generated';
import type { ImapSession } from '../../transport/imap-session';
import { appSession, otherClient } from './imap-fixtures';

export interface SeededFolder {
  readonly path: string;
  readonly session: ImapSession;
  readonly other: ImapFlow;
  /** Runs `work` as the other program, with the folder selected on its connection. */
  elsewhere(work: (client: ImapFlow) => Promise<unknown>): Promise<void>;
}

export function seededFolder(name: string, size: number, seed: number, options: { port?: () => number } = {}): SeededFolder {
  const servers = inject('mailServers');
  const path = `${name}${process.pid}`;
  let session: ImapSession | null = null;
  let other: ImapFlow | null = null;

  beforeAll(async () => {
    await seedGeneratedFolder(servers, path, size, { seed });
    other = await otherClient(servers);
  });
  afterAll(async () => {
    await session?.close();
    await other?.mailboxDelete(path).catch(() => undefined);
    await other?.logout();
  });

  const opened = () => {
    if (!other) throw new Error('the seeded folder is ready only inside its tests');
    return other;
  };
  return {
    path,
    get session() {
      session ??= appSession(servers, options.port?.() ?? servers.imapPort);
      return session;
    },
    get other() {
      return opened();
    },
    async elsewhere(work) {
      const client = opened();
      const lock = await client.getMailboxLock(path);
      try {
        await work(client);
      } finally {
        lock.release();
      }
    },
  };
}
