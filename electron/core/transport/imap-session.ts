/**
 * One authenticated IMAP connection per account, opened on first use and reopened after it drops.
 * Mailbox work goes through `withMailbox`, which holds imapflow's lock so that concurrent calls
 * never read from a mailbox another call has just switched away from.
 */
import type { ExistsEvent, FlagsEvent, ImapFlow } from 'imapflow';
import type { ServerEndpoint } from '../../../shared/domain';
import { pinnedTrustFor } from './tls-inspect';
import { asCredentialSource, withCredentials, type Credentials, type CredentialSource } from './credentials';
import { imapOptions, type TrustSettings } from './tls-policy';
import { toTransportError } from './transport-errors';

/** imapflow, loaded on first use, not at start (see create-core.ts). */
const imapflow = () => import('imapflow');

export type MailboxChangeListener = (path: string) => void;

export class ImapSession {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private readonly changeListeners = new Set<MailboxChangeListener>();
  /** Folders whose server answers a caller is reading itself (see `quietly`), with how many such calls run. */
  private readonly quiet = new Map<string, number>();

  private readonly credentials: CredentialSource;

  /** A password, or a source that hands out a fresh access token at each login. */
  constructor(
    private readonly endpoint: ServerEndpoint,
    credentials: Credentials | CredentialSource,
    private readonly trust: TrustSettings,
  ) {
    this.credentials = asCredentialSource(credentials);
  }

  /** Opens a connection, logs in and out again: proves the settings without keeping anything. */
  static async verify(endpoint: ServerEndpoint, credentials: Credentials | CredentialSource, trust: TrustSettings): Promise<void> {
    await withCredentials(asCredentialSource(credentials), async (current) => {
      const { ImapFlow } = await imapflow();
      const client = new ImapFlow(await connectionOptions(endpoint, current, trust));
      client.on('error', () => undefined);
      try {
        await client.connect();
      } catch (error) {
        throw toTransportError(error, 'IMAP', endpoint, current);
      } finally {
        await client.logout().catch(() => client.close());
      }
    });
  }

  onMailboxChange(listener: MailboxChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Runs `work` while changes the server reports for `path` reach no listener: the caller reads them itself. */
  async quietly<T>(path: string, work: () => Promise<T>): Promise<T> {
    this.quiet.set(path, (this.quiet.get(path) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = this.quiet.get(path)! - 1;
      if (left > 0) this.quiet.set(path, left);
      else this.quiet.delete(path);
    }
  }

  /** Runs `work` with the connection, translating failures into SealmailErrors. */
  async run<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = await this.connection();
    try {
      return await work(client);
    } catch (error) {
      throw toTransportError(error, 'IMAP', this.endpoint);
    }
  }

  /** Runs `work` with `path` selected and locked against other callers. */
  async withMailbox<T>(path: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    return this.run(async (client) => {
      const lock = await client.getMailboxLock(path);
      try {
        return await work(client);
      } finally {
        lock.release();
      }
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.connecting = null;
    if (client) await client.logout().catch(() => client.close());
  }

  private async connection(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Logs in with the current credentials; a refused access token is renewed and tried once more. */
  private open(): Promise<ImapFlow> {
    return withCredentials(this.credentials, (credentials) => this.openWith(credentials));
  }

  private async openWith(credentials: Credentials): Promise<ImapFlow> {
    const { ImapFlow } = await imapflow();
    const client = new ImapFlow(await connectionOptions(this.endpoint, credentials, this.trust));
    // Without a listener an 'error' event would crash the process; the next call reconnects.
    client.on('error', () => undefined);
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    client.on('exists', (event: ExistsEvent) => this.emitChange(event.path));
    client.on('flags', (event: FlagsEvent) => this.emitChange(event.path));
    client.on('expunge', (event: { path: string }) => this.emitChange(event.path));
    try {
      await client.connect();
    } catch (error) {
      client.close();
      throw toTransportError(error, 'IMAP', this.endpoint, credentials);
    }
    this.client = client;
    return client;
  }

  private emitChange(path: string): void {
    if (this.quiet.has(path)) return;
    for (const listener of this.changeListeners) listener(path);
  }
}

/** The policy's options; for a pinned server, with the chain it presents its pinned certificate in. */
async function connectionOptions(endpoint: ServerEndpoint, credentials: Credentials, trust: TrustSettings) {
  const pin = endpoint.pinnedFingerprint256 ? await pinnedTrustFor('imap', endpoint, trust) : undefined;
  return imapOptions(endpoint, credentials, trust, pin);
}
