/**
 * Brings one folder of the store level with the server (RFC 7162 CONDSTORE and QRESYNC):
 *
 * - unchanged: STATUS (or, with QRESYNC, the SELECT below) shows the same UIDVALIDITY,
 *   HIGHESTMODSEQ, UIDNEXT and count; nothing else is sent, so an idle folder costs one round trip
 *   whatever its size;
 * - first sync: its SELECT tells the folder's state, then envelopes are streamed newest first in
 *   chunks of sequence numbers, committed a batch at a time, so an interrupted sync keeps what it had;
 * - a resumed first sync: UID SEARCH ALL, then only the UIDs the store lacks, the same way;
 * - incremental with QRESYNC (RFC 7162 §3.2.5): one SELECT … (QRESYNC (uidvalidity modseq)) brings
 *   the flags changed and the UIDs expunged (VANISHED (EARLIER)) since the last sync, then new UIDs
 *   are fetched whole: the cost follows the number of changes, deletions included;
 * - incremental without QRESYNC: new UIDs fetched whole, flags fetched with CHANGEDSINCE, expunges
 *   found when the counts disagree (the UID list is then compared, which costs the folder's size);
 * - UIDVALIDITY changed (RFC 3501 §2.3.1.1): every stored UID is void, the folder is synced afresh.
 *
 * The mailbox lock is taken per step, not for the whole sync, so opening a message is never stuck
 * behind a first sync of 100,000 envelopes.
 */
import type { FetchQueryObject, ImapFlow } from 'imapflow';
import type { FolderSyncState, MailStore } from '../store/mail-store';
import { openBatchWriter, type WriterKind } from '../store/batch-writer';
import type { FlagState, StoredMessage } from '../store/stored-message';
import { fetchEnvelopes } from './fetch-envelopes';
import { qresyncSelect, type QresyncChanges } from './qresync-changes';
import { selectedState, type ServerState } from './server-state';
import { toUidSet } from './uid-set';

export interface MailboxAccess {
  run<T>(work: (client: ImapFlow) => Promise<T>): Promise<T>;
  withMailbox<T>(path: string, work: (client: ImapFlow) => Promise<T>): Promise<T>;
  /**
   * Runs `work` without telling the change listeners what the server says about `path` meanwhile:
   * the caller reads those answers itself (a QRESYNC SELECT), and a sync must not wake itself.
   */
  quietly?<T>(path: string, work: () => Promise<T>): Promise<T>;
}

export interface SyncListener {
  progress?(done: number, total: number): void;
  /** A batch was committed: the list may show it. */
  stored?(): void;
}

export interface SyncReport {
  kind: 'unchanged' | 'initial' | 'incremental' | 'resync';
  fetched: number;
  flagChanges: number;
  removed: number;
}

/**
 * The first chunk is the top of the list, a screenful or two: a server answers a FETCH in
 * ascending order, so only a chunk this small puts the newest mail in the first batch, committed
 * the moment it arrives (inline: the writer thread is not up yet). The next chunk fills the list
 * below it at once; later ones are large for speed.
 */
export const FIRST_PAGE = 50;
const SECOND_CHUNK = 250;
const CHUNK = 10_000;
/** Inside a chunk, envelopes are committed this many at a time while the server keeps sending. */
const BATCH = 1000;
/** Batches handed to the writer thread and not yet committed: bounds memory when it falls behind. */
const IN_FLIGHT = 4;
/** Below this many messages a first sync is over about as soon as a writer thread would be up. */
const THREAD_FROM = 5000;

/** The folder a sync works on, and who hears of its progress: what each of its steps needs. */
interface SyncTarget {
  access: MailboxAccess;
  store: MailStore;
  accountId: string;
  path: string;
  listener: SyncListener;
}

export interface SyncFolderOptions {
  /** Where a first sync's batches are written (see batch-writer.ts); by default a writer thread once it is up, for a store in a file. */
  writer?: WriterKind;
}

export async function syncFolder(
  access: MailboxAccess,
  store: MailStore,
  accountId: string,
  path: string,
  listener: SyncListener = {},
  options: SyncFolderOptions = {},
): Promise<SyncReport> {
  const target: SyncTarget = { access, store, accountId, path, listener };
  store.ensureFolder(accountId, path);
  const state = store.syncState(accountId, path);
  const writer = options.writer ?? 'auto';
  const report = !state?.synced && store.count(accountId, path) === 0 ? await syncEmpty(target, writer) : await syncStored(target, state, writer);
  // Keeping the folder selected lets the server push its changes while idle (IDLE, RFC 2177); no
  // command is sent when the sync left it selected.
  await access.withMailbox(path, async () => undefined);
  return report;
}

/** Nothing stored yet: the SELECT that the fetch needs anyway tells the folder's state. */
async function syncEmpty(target: SyncTarget, writer: WriterKind): Promise<SyncReport> {
  const server = await target.access.withMailbox(target.path, async (client) => selectedState(client));
  return { ...(await firstSync(target, server, writer, newestFirstBySequence(server.messages))), kind: 'initial' };
}

async function syncStored(target: SyncTarget, state: FolderSyncState | null, writer: WriterKind): Promise<SyncReport> {
  const { access, path } = target;
  // A folder synced before, on a server with QRESYNC: its SELECT tells both its state and its changes.
  const selected = state?.synced && state.uidValidity !== null && state.highestModseq !== null
    ? await qresyncSelect(access, path, state.uidValidity, state.highestModseq)
    : null;
  // Otherwise STATUS, under the mailbox lock: readStatus closes the mailbox, which must not pull it
  // from under a message being opened at the same moment ('No mailbox selected'); the next lock reselects it.
  const server = selected?.changes ? selected.server : await access.withMailbox(path, (client) => readStatus(client, path));
  return syncFrom(target, server, selected?.changes ?? null, writer);
}

async function syncFrom(target: SyncTarget, server: ServerState, changes: QresyncChanges | null, writerKind: WriterKind): Promise<SyncReport> {
  const { store, accountId, path } = target;
  const state = store.syncState(accountId, path);
  if (state?.synced && state.uidValidity === server.uidValidity) {
    const same = state.highestModseq !== null && state.highestModseq === server.highestModseq && state.uidNext === server.uidNext;
    if (same && store.count(accountId, path) === server.messages) return { kind: 'unchanged', fetched: 0, flagChanges: 0, removed: 0 };
    return incremental(target, state, server, changes);
  }

  const resync = state?.uidValidity != null && state.uidValidity !== server.uidValidity;
  if (resync) store.clearFolder(accountId, path);
  // Not awaited here: the writer thread starts while the server searches.
  const plan = resync ? newestFirstBySequence(server.messages) : missingByUid(target);
  const report = await firstSync(target, server, writerKind, plan);
  return { ...report, kind: resync ? 'resync' : 'initial' };
}

/** What a first sync fetches, in chunks, newest first; and what it does first to the stored messages. */
interface FetchPlan {
  total: number;
  /** Messages already stored whose flags may have changed since (a resumed sync). */
  kept: number[];
  removed: number;
  /** Each chunk's set as the server names it now (its lock held): sequence numbers or UIDs. */
  chunks: { size: number; set: (client: ImapFlow) => string | null; uid: boolean }[];
}

const chunkSizes = (count: number): number[] => {
  const sizes: number[] = [];
  const leading = [FIRST_PAGE, SECOND_CHUNK];
  for (let left = count; left > 0; left -= sizes.at(-1)!) sizes.push(Math.min(left, leading[sizes.length] ?? CHUNK));
  return sizes;
};

/**
 * A folder with nothing stored: sequence ranges from the top down, without a UID SEARCH of the
 * whole folder first. Each range ends just below the last one fetched (and within the messages
 * the session knows now). Expunges only ever lower a message's number, so a message not yet
 * fetched stays below that line; one already fetched may slide under it and come twice (stored
 * once). Mail arriving meanwhile is above the UIDNEXT recorded, for the next sync.
 */
function newestFirstBySequence(messages: number): FetchPlan {
  let below = messages + 1;
  const chunks = chunkSizes(messages).map((size) => ({
    size,
    uid: false,
    set: (client: ImapFlow) => {
      const top = Math.min(below - 1, client.mailbox ? client.mailbox.exists : 0);
      below = Math.max(1, top - size + 1);
      return top < 1 ? null : `${below}:${top}`;
    },
  }));
  return { total: messages, kept: [], removed: 0, chunks };
}

/** A first sync that was cut short: the UIDs the store lacks (newest first), after dropping those the server no longer has. */
async function missingByUid({ access, store, accountId, path }: SyncTarget): Promise<FetchPlan> {
  const serverUids = await access.withMailbox(path, async (client) => (await client.search({ all: true }, { uid: true })) || []);
  const onServer = new Set(serverUids);
  const stored = store.uids(accountId, path);
  const gone = stored.filter((uid) => !onServer.has(uid));
  store.removeMessages(accountId, path, gone);
  const have = new Set(stored);
  const missing = serverUids.filter((uid) => !have.has(uid)).sort((a, b) => b - a);
  let start = 0;
  const chunks = chunkSizes(missing.length).map((size) => {
    const uids = missing.slice(start, (start += size));
    return { size, uid: true, set: () => toUidSet(uids) };
  });
  return { total: serverUids.length, kept: stored.filter((uid) => onServer.has(uid)), removed: gone.length, chunks };
}

async function readStatus(client: ImapFlow, path: string): Promise<ServerState> {
  // Dovecot answers STATUS for the selected mailbox from this session's view, which never learns of
  // the mailbox being deleted and recreated (a new UIDVALIDITY); so ask with the mailbox closed.
  // Closed from a read-only EXAMINE: CLOSE of a mailbox opened read-write would expunge every
  // message another program flagged \Deleted but meant to keep for now (RFC 3501 §6.4.2).
  if (client.mailbox && client.mailbox.path === path) {
    if (!client.mailbox.readOnly) await client.mailboxOpen(path, { readOnly: true });
    await client.mailboxClose();
  }
  const status = await client.status(path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
  if (!status || status.uidValidity === undefined || status.uidNext === undefined || status.messages === undefined) {
    throw new Error(`the server gave no UIDVALIDITY, UIDNEXT or count for ${path}`);
  }
  return {
    uidValidity: Number(status.uidValidity),
    highestModseq: status.highestModseq !== undefined ? status.highestModseq.toString() : null,
    uidNext: status.uidNext,
    messages: status.messages,
  };
}

async function firstSync(target: SyncTarget, server: ServerState, writerKind: WriterKind, plan: FetchPlan | Promise<FetchPlan>): Promise<Omit<SyncReport, 'kind'>> {
  const { access, store, accountId, path, listener } = target;
  // Not marked synced until the end: a sync cut short resumes from what was committed.
  store.setSyncState(accountId, path, { uidValidity: server.uidValidity, highestModseq: null, uidNext: null, synced: false });
  // The writer thread starts while the server answers; a small folder is written inline before it would be up.
  const writer = openBatchWriter(store, writerKind === 'auto' && server.messages < THREAD_FROM ? 'inline' : writerKind);
  try {
    const { total, kept, removed, chunks } = await plan;
    let done = kept.length;
    let fetched = 0;
    listener.progress?.(done, total);
    // Batches go to the writer without waiting, at most IN_FLIGHT at a time; progress and `stored`
    // follow its confirmations, so the list only announces what it can read.
    const inFlight: Promise<void>[] = [];
    const send = async (batch: StoredMessage[], index: boolean) => {
      if (batch.length === 0) return;
      fetched += batch.length;
      const committed = writer.put(accountId, path, batch, { index }).then(() => {
        done += batch.length;
        listener.progress?.(done, total);
        listener.stored?.();
      });
      // Seen when awaited below; not an unhandled rejection meanwhile.
      committed.catch(() => undefined);
      inFlight.push(committed);
      while (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    };
    for (const [i, chunk] of chunks.entries()) {
      // The two small newest chunks are indexed at once so search works straight away; the rest in one go at the end.
      const index = i < 2;
      await access.withMailbox(path, async (client) => {
        const set = chunk.set(client);
        if (set === null) return;
        // Committing while the FETCH streams lets the server produce the next envelopes meanwhile.
        let batch: StoredMessage[] = [];
        await fetchEnvelopes(client, set, { uid: chunk.uid }, (message) => {
          batch.push(message);
          if (batch.length < BATCH) return;
          const full = batch;
          batch = [];
          return send(full, index);
        });
        await send(batch, index);
      });
    }
    for (const committed of inFlight.splice(0)) await committed;
    await writer.indexPending();
    // Messages kept from an interrupted sync may have changed flags since: refresh them (flags only).
    const flagChanges = kept.length > 0 ? await refreshFlags(target, toUidSet(kept), null) : 0;
    store.setSyncState(accountId, path, { uidValidity: server.uidValidity, highestModseq: server.highestModseq, uidNext: server.uidNext, synced: true });
    return { fetched, flagChanges, removed };
  } finally {
    // Waits for what the writer was given, so no batch is committed after the sync has returned.
    await writer.close();
  }
}

async function incremental(target: SyncTarget, state: FolderSyncState, server: ServerState, changes: QresyncChanges | null): Promise<SyncReport> {
  const { access, store, accountId, path, listener } = target;
  let fetched = 0;
  let flagChanges = 0;
  let removed = 0;
  const knownNext = state.uidNext ?? 1;
  const modseqMoved = state.highestModseq !== server.highestModseq;
  // QRESYNC's changes first, so that messages it reports gone are not fetched below as missing.
  if (changes) {
    // A server may name UIDs this store never had (RFC 7162 §3.2.10 lets it compress the set): count what went.
    const stored = store.count(accountId, path);
    store.removeMessages(accountId, path, changes.vanished);
    removed = stored - store.count(accountId, path);
    // Messages that arrived since are among the changes too; their flags come with them below.
    const known = changes.flags.filter((change) => change.uid < knownNext);
    store.putFlags(accountId, path, known);
    flagChanges = known.length;
  }

  if (server.uidNext > knownNext) {
    // `n:*` always returns the newest message, even below n; the filter drops it then.
    const messages = await envelopesOf(target, `${knownNext}:*`, (message) => message.uid >= knownNext);
    store.putMessages(accountId, path, messages);
    fetched = messages.length;
    listener.stored?.();
  }

  // CHANGEDSINCE (RFC 7162 §3.1.4): only messages whose flags changed; without CONDSTORE, all flags.
  if (!changes && (modseqMoved || server.highestModseq === null)) {
    flagChanges = await refreshFlags(target, `1:${Math.max(1, knownNext - 1)}`, state.highestModseq);
  }

  // Without QRESYNC, expunges show as a count that no longer adds up; only then is the UID list
  // compared. With QRESYNC the counts agree, unless mail came or went since STATUS was read.
  if (store.count(accountId, path) !== server.messages) {
    const serverUids = new Set(await access.withMailbox(path, async (client) => (await client.search({ all: true }, { uid: true })) || []));
    const gone = store.uids(accountId, path).filter((uid) => !serverUids.has(uid));
    store.removeMessages(accountId, path, gone);
    removed += gone.length;
    const have = new Set(store.uids(accountId, path));
    const missed = [...serverUids].filter((uid) => !have.has(uid));
    if (missed.length > 0) {
      const messages = await envelopesOf(target, toUidSet(missed));
      store.putMessages(accountId, path, messages);
      fetched += messages.length;
    }
  }
  store.setSyncState(accountId, path, { uidValidity: server.uidValidity, highestModseq: server.highestModseq, uidNext: server.uidNext, synced: true });
  return { kind: 'incremental', fetched, flagChanges, removed };
}

/** The envelopes of the UIDs in `set` that `wanted` accepts, in one list: for the few messages an incremental sync brings. */
async function envelopesOf({ access, path }: SyncTarget, set: string, wanted: (message: StoredMessage) => boolean = () => true): Promise<StoredMessage[]> {
  return access.withMailbox(path, async (client) => {
    const found: StoredMessage[] = [];
    await fetchEnvelopes(client, set, { uid: true }, (message) => {
      if (wanted(message)) found.push(message);
    });
    return found;
  });
}

async function refreshFlags({ access, store, accountId, path }: SyncTarget, range: string, changedSince: string | null): Promise<number> {
  if (!range) return 0;
  const changes = await access.withMailbox(path, async (client) => {
    const query: FetchQueryObject = { uid: true, flags: true };
    const options = changedSince !== null ? { uid: true, changedSince: BigInt(changedSince) } : { uid: true };
    const found: FlagState[] = [];
    for await (const message of client.fetch(range, query, options)) {
      found.push({
        uid: message.uid,
        seen: message.flags?.has('\\Seen') ?? false,
        flagged: message.flags?.has('\\Flagged') ?? false,
        answered: message.flags?.has('\\Answered') ?? false,
        modseq: message.modseq !== undefined ? message.modseq.toString() : null,
      });
    }
    return found;
  });
  store.putFlags(accountId, path, changes);
  return changes.length;
}
