/**
 * The one owner of the message store: every write to store.sqlite goes through this class, in the
 * main process (Mailspring's and Signal's single writer). Sync fills it, the mail calls read it.
 */
import type Database from 'better-sqlite3';
import type { ConversationPage } from '../../../shared/conversation-types';
import type { Folder, MessagePage, MessageSummary, MessageView } from '../../../shared/domain';
import { conversationMessages, conversationPage } from './conversations';
import { searchMessages } from './search-messages';
import { SUMMARY_COLUMNS, toSummary, type FlagState, type MessageRow, type StoredMessage } from './stored-message';
import { ownThread, threadNames, unrelatedMessages } from './unrelated-messages';

export interface FolderSyncState {
  uidValidity: number | null;
  highestModseq: string | null;
  uidNext: number | null;
  /** Whether a first sync has completed since the last UIDVALIDITY change. */
  synced: boolean;
}

const bit = (value: boolean) => (value ? 1 : 0);

/**
 * The threads a message with these ids (its references and its own) touches: those of stored
 * messages with one of the ids, and those already named after one. Two lookups by equality: an OR,
 * or a test of thread_id IS NOT NULL, leads SQLite to scan the account's thread index for every
 * message stored, which made a first sync quadratic in the number of replies.
 */
export function threadLookupSql(ids: number): string {
  const marks = Array.from({ length: ids }, () => '?').join(',');
  return `SELECT 1 AS stored, thread_id FROM messages WHERE account_id = ? AND message_id IN (${marks})
    UNION SELECT 0 AS stored, thread_id FROM messages WHERE account_id = ? AND thread_id IN (${marks})`;
}

export class MailStore {
  /**
   * Subjects read from inside opened messages (RFC 9788 protected headers), for this run only and
   * never on disk: the list and search show them in place of the outer subject (for encrypted
   * mail, a placeholder).
   */
  private readonly shownSubjects = new Map<string, string>();

  constructor(private readonly db: Database.Database) {
    // Plaintext of opened encrypted messages is indexed only in memory, for this run.
    db.exec(`ATTACH DATABASE ':memory:' AS secret;
      CREATE VIRTUAL TABLE IF NOT EXISTS secret.opened_fts USING fts5(subject, sender, recipients, body, tokenize = 'unicode61 remove_diacritics 2');`);
    // A first sync cut short may have left rows unindexed.
    this.indexPending();
  }

  /** The store's file, for a second connection (the first sync's writer thread); null when in memory. */
  get file(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  /**
   * Adds every message not yet in the search index, in one statement: far cheaper than a row at a
   * time. Rowids only grow (a deleted message takes its index row with it), so the unindexed rows
   * are those above the index's highest rowid. A cached body is indexed with its message.
   */
  indexPending(): void {
    this.db
      .prepare(`INSERT INTO messages_fts(rowid, subject, sender, recipients, body)
        SELECT m.id, m.subject, m.from_name || ' ' || m.from_address,
          m.recipients_text,
          CASE WHEN m.encrypted = 1 THEN '' ELSE coalesce((SELECT b.view_json ->> '$.text' FROM bodies b WHERE b.message_id = m.id), '') END
        FROM messages m WHERE m.id > (SELECT coalesce(max(rowid), 0) FROM messages_fts)`)
      .run();
  }

  /** Replaces an account's folder list, keeping the sync state of folders that remain. */
  saveFolders(accountId: string, folders: readonly Folder[]): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO accounts(id) VALUES (?)').run(accountId);
      const upsert = this.db.prepare(`INSERT INTO folders(account_id, path, name, special_use, server_total, server_unread)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, path) DO UPDATE SET name = excluded.name,
        special_use = excluded.special_use, server_total = excluded.server_total, server_unread = excluded.server_unread`);
      for (const folder of folders) upsert.run(accountId, folder.path, folder.name, folder.specialUse, folder.total, folder.unread);
      const keep = new Set(folders.map((folder) => folder.path));
      for (const { path } of this.db.prepare('SELECT path FROM folders WHERE account_id = ?').all(accountId) as { path: string }[]) {
        if (!keep.has(path)) this.db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?').run(accountId, path);
      }
    })();
  }

  /** The stored folders; counts are the store's own for folders it has synced, the server's otherwise. */
  folders(accountId: string): Folder[] {
    const rows = this.db
      .prepare(`SELECT f.path, f.name, f.special_use, f.server_total, f.server_unread, f.synced,
        (SELECT count(*) FROM messages m WHERE m.account_id = f.account_id AND m.folder = f.path AND m.hidden = 0) AS total,
        (SELECT count(*) FROM messages m WHERE m.account_id = f.account_id AND m.folder = f.path AND m.hidden = 0 AND m.seen = 0) AS unread
        FROM folders f WHERE f.account_id = ?`)
      .all(accountId) as { path: string; name: string; special_use: string | null; server_total: number; server_unread: number; synced: number; total: number; unread: number }[];
    return rows.map((row) => ({
      path: row.path,
      name: row.name,
      specialUse: row.special_use,
      total: row.synced ? row.total : row.server_total,
      unread: row.synced ? row.unread : row.server_unread,
    }));
  }

  hasFolder(accountId: string, path: string): boolean {
    return this.db.prepare('SELECT 1 FROM folders WHERE account_id = ? AND path = ?').get(accountId, path) !== undefined;
  }

  /** Makes sure a folder row exists, for a folder synced before its account's list was fetched. */
  ensureFolder(accountId: string, path: string): void {
    this.db.prepare('INSERT OR IGNORE INTO accounts(id) VALUES (?)').run(accountId);
    this.db.prepare('INSERT OR IGNORE INTO folders(account_id, path, name) VALUES (?, ?, ?)').run(accountId, path, path.split(/[/.]/).pop() ?? path);
  }

  syncState(accountId: string, path: string): FolderSyncState | null {
    const row = this.db.prepare('SELECT uidvalidity, highest_modseq, uidnext, synced FROM folders WHERE account_id = ? AND path = ?').get(accountId, path) as
      | { uidvalidity: number | null; highest_modseq: string | null; uidnext: number | null; synced: number }
      | undefined;
    return row ? { uidValidity: row.uidvalidity, highestModseq: row.highest_modseq, uidNext: row.uidnext, synced: row.synced === 1 } : null;
  }

  setSyncState(accountId: string, path: string, state: FolderSyncState): void {
    this.db
      .prepare('UPDATE folders SET uidvalidity = ?, highest_modseq = ?, uidnext = ?, synced = ? WHERE account_id = ? AND path = ?')
      .run(state.uidValidity, state.highestModseq, state.uidNext, bit(state.synced), accountId, path);
  }

  /** Drops a folder's messages (UIDVALIDITY changed: every UID the store knows is void). */
  clearFolder(accountId: string, path: string): void {
    this.db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ?').run(accountId, path);
  }

  /**
   * Inserts or refreshes a batch of messages in one transaction, and indexes the new ones for
   * search unless `index` is false (a first sync indexes once, at its end).
   */
  putMessages(accountId: string, path: string, messages: readonly StoredMessage[], options: { index?: boolean } = {}): void {
    // Positional parameters: binding 22 named ones costs a first sync of 50,000 messages about half a second more.
    const insert = this.db.prepare(`INSERT INTO messages(account_id, folder, uid, message_id, subject, from_name, from_address, to_json, date,
        seen, flagged, answered, size, has_attachments, structure, encrypted, signed, modseq, in_reply_to, references_json, thread_id, recipients_text)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(account_id, folder, uid) DO UPDATE SET seen = excluded.seen, flagged = excluded.flagged,
        answered = excluded.answered, modseq = excluded.modseq`);
    this.db.transaction(() => {
      // One lookup for the batch; threadFor's own lookups only for messages related to something.
      const unrelated = unrelatedMessages(this.db, accountId, messages);
      for (const m of messages) {
        const threadId = unrelated.has(m) ? ownThread(m, threadNames(m)) : this.threadFor(accountId, m);
        insert.run(
          accountId, path, m.uid, m.messageId, m.subject, m.from?.name ?? '', m.from?.address ?? '', JSON.stringify(m.to), Date.parse(m.date),
          bit(m.seen), bit(m.flagged), bit(m.answered), m.size, bit(m.hasAttachments), m.structure, bit(m.encrypted), bit(m.signed),
          m.modseq, m.inReplyTo, JSON.stringify(m.references), threadId, m.to.map((a) => `${a.name} ${a.address}`).join(' '),
        );
      }
      if (options.index !== false) this.indexPending();
      // IMMEDIATE: the batch reads before it writes, and a deferred transaction whose read snapshot
      // another connection (the sync's writer thread, or the main one) wrote past fails at once
      // with SQLITE_BUSY instead of waiting out the busy timeout.
    }).immediate();
  }

  /** Applies flag changes reported by the server. */
  putFlags(accountId: string, path: string, changes: readonly FlagState[]): void {
    const update = this.db.prepare('UPDATE messages SET seen = ?, flagged = ?, answered = ?, modseq = ? WHERE account_id = ? AND folder = ? AND uid = ?');
    this.db.transaction(() => {
      for (const c of changes) update.run(bit(c.seen), bit(c.flagged), bit(c.answered), c.modseq, accountId, path, c.uid);
    })();
  }

  /** Sets one flag locally (a command's immediate effect, or its undoing). */
  setFlag(accountId: string, path: string, uids: readonly number[], flag: 'seen' | 'flagged', value: boolean): void {
    const update = this.db.prepare(`UPDATE messages SET ${flag} = ? WHERE account_id = ? AND folder = ? AND uid = ?`);
    this.db.transaction(() => {
      for (const uid of uids) update.run(bit(value), accountId, path, uid);
    })();
  }

  /** Hides messages a pending move or delete takes away, or shows them again. */
  setHidden(accountId: string, path: string, uids: readonly number[], hidden: boolean): void {
    const update = this.db.prepare('UPDATE messages SET hidden = ? WHERE account_id = ? AND folder = ? AND uid = ?');
    this.db.transaction(() => {
      for (const uid of uids) update.run(bit(hidden), accountId, path, uid);
    })();
  }

  removeMessages(accountId: string, path: string, uids: Iterable<number>): void {
    const remove = this.db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
    this.db.transaction(() => {
      for (const uid of uids) remove.run(accountId, path, uid);
    })();
  }

  /** Every UID stored for a folder, ascending. */
  uids(accountId: string, path: string): number[] {
    return (this.db.prepare('SELECT uid FROM messages WHERE account_id = ? AND folder = ? ORDER BY uid').pluck().all(accountId, path) as number[]);
  }

  /** UID and flags of every stored message of a folder, ascending: what tests compare with the server. */
  flagList(accountId: string, path: string): { uid: number; seen: boolean; flagged: boolean }[] {
    const rows = this.db.prepare('SELECT uid, seen, flagged FROM messages WHERE account_id = ? AND folder = ? ORDER BY uid').all(accountId, path) as { uid: number; seen: number; flagged: number }[];
    return rows.map((row) => ({ uid: row.uid, seen: row.seen === 1, flagged: row.flagged === 1 }));
  }

  count(accountId: string, path: string): number {
    return this.db.prepare('SELECT count(*) FROM messages WHERE account_id = ? AND folder = ?').pluck().get(accountId, path) as number;
  }

  flags(accountId: string, path: string, uid: number): { seen: boolean; flagged: boolean } | null {
    const row = this.db.prepare('SELECT seen, flagged FROM messages WHERE account_id = ? AND folder = ? AND uid = ?').get(accountId, path, uid) as
      | { seen: number; flagged: number }
      | undefined;
    return row ? { seen: row.seen === 1, flagged: row.flagged === 1 } : null;
  }

  /** A page of a folder, newest first, as the message list shows it. */
  page(accountId: string, path: string, offset: number, limit: number): MessagePage {
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM messages m WHERE m.account_id = ? AND m.folder = ? AND m.hidden = 0
        ORDER BY m.date DESC, m.uid DESC LIMIT ? OFFSET ?`)
      .all(accountId, path, limit, offset) as MessageRow[];
    const total = this.db.prepare('SELECT count(*) FROM messages WHERE account_id = ? AND folder = ? AND hidden = 0').pluck().get(accountId, path) as number;
    return { messages: this.withShownSubjects(accountId, path, rows.map(toSummary)), total, offset };
  }

  /** Full-text search with field filters, newest first (see search-query.ts for the syntax). */
  search(accountId: string, path: string, query: string, limit: number): MessagePage {
    const page = searchMessages(this.db, accountId, path, query, limit);
    return { ...page, messages: this.withShownSubjects(accountId, path, page.messages) };
  }

  /** A page of a folder's conversations, newest first by their newest message (see conversations.ts). */
  conversations(accountId: string, path: string, offset: number, limit: number): ConversationPage {
    const page = conversationPage(this.db, accountId, path, offset, limit);
    if (this.shownSubjects.size === 0) return page;
    return { ...page, conversations: page.conversations.map((c) => ({ ...c, latest: this.withShownSubjects(accountId, path, [c.latest])[0]! })) };
  }

  /** The messages of the conversation a message belongs to, in this folder, oldest first. */
  conversation(accountId: string, path: string, uid: number): MessageSummary[] {
    return this.withShownSubjects(accountId, path, conversationMessages(this.db, accountId, path, uid));
  }

  /** Remembers, in memory only, the subject an opened message showed from its protected header. */
  rememberShownSubject(accountId: string, path: string, uid: number, subject: string): void {
    this.shownSubjects.set(subjectKey(accountId, path, uid), subject);
  }

  private withShownSubjects(accountId: string, path: string, messages: MessageSummary[]): MessageSummary[] {
    if (this.shownSubjects.size === 0) return messages;
    return messages.map((message) => {
      const subject = this.shownSubjects.get(subjectKey(accountId, path, message.uid));
      return subject === undefined ? message : { ...message, subject };
    });
  }

  /** The UIDs of the thread a message belongs to, oldest first. */
  threadOf(accountId: string, path: string, uid: number): number[] {
    return this.db
      .prepare(`SELECT t.uid FROM messages m JOIN messages t ON t.account_id = m.account_id AND t.folder = m.folder AND t.thread_id = m.thread_id
        WHERE m.account_id = ? AND m.folder = ? AND m.uid = ? ORDER BY t.date, t.uid`)
      .pluck()
      .all(accountId, path, uid) as number[];
  }

  /** Whether the message is encrypted, which decides whether its body may be cached. */
  isEncrypted(accountId: string, path: string, uid: number): boolean {
    return this.db.prepare('SELECT encrypted FROM messages WHERE account_id = ? AND folder = ? AND uid = ?').pluck().get(accountId, path, uid) === 1;
  }

  /** A cached message view, if one was stored. */
  cachedView(accountId: string, path: string, uid: number): MessageView | null {
    const json = this.db
      .prepare('SELECT b.view_json FROM bodies b JOIN messages m ON m.id = b.message_id WHERE m.account_id = ? AND m.folder = ? AND m.uid = ?')
      .pluck()
      .get(accountId, path, uid) as string | undefined;
    return json ? (JSON.parse(json) as MessageView) : null;
  }

  /**
   * Caches an opened message's view and indexes its text. For an encrypted message nothing is
   * written to disk: its text goes to the in-memory index only, so search finds it for this run.
   */
  cacheView(accountId: string, path: string, uid: number, view: MessageView): void {
    const row = this.db.prepare('SELECT id, encrypted, subject, from_name, from_address FROM messages WHERE account_id = ? AND folder = ? AND uid = ?').get(accountId, path, uid) as
      | { id: number; encrypted: number; subject: string; from_name: string; from_address: string }
      | undefined;
    if (!row) return;
    if (row.encrypted === 1) {
      this.indexDecrypted(row.id, view);
      return;
    }
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO bodies(message_id, view_json) VALUES (?, ?)').run(row.id, JSON.stringify(view));
      this.db.prepare('UPDATE messages_fts SET body = ? WHERE rowid = ?').run(view.text, row.id);
      // A signed message's protected subject (RFC 9788) is what search should find; it is no secret.
      if (view.headerProtection) this.db.prepare('UPDATE messages_fts SET subject = ? WHERE rowid = ?').run(view.subject, row.id);
    })();
  }

  /**
   * Makes a decrypted message findable by search for this run only: its words go to the in-memory
   * index, nothing to disk. For views that must not be cached (decrypted S/MIME content).
   */
  indexInMemoryOnly(accountId: string, path: string, uid: number, view: MessageView): void {
    const id = this.db.prepare('SELECT id FROM messages WHERE account_id = ? AND folder = ? AND uid = ?').pluck().get(accountId, path, uid) as number | undefined;
    if (id !== undefined) this.indexDecrypted(id, view);
  }

  /** Forgets everything stored for an account (it was removed). */
  forgetAccount(accountId: string): void {
    for (const key of this.shownSubjects.keys()) if (key.startsWith(`${accountId}\u0000`)) this.shownSubjects.delete(key);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM messages WHERE account_id = ?').run(accountId);
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(accountId);
    })();
  }

  /** SQLite's check of every page of the file: 'ok', or the first problems it found. */
  quickCheck(): string {
    return String(this.db.pragma('quick_check', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private indexDecrypted(id: number, view: MessageView): void {
    const recipients = [...view.to, ...view.cc].map((a) => `${a.name} ${a.address}`).join(' ');
    this.db.prepare('DELETE FROM secret.opened_fts WHERE rowid = ?').run(id);
    this.db
      .prepare('INSERT INTO secret.opened_fts(rowid, subject, sender, recipients, body) VALUES (?, ?, ?, ?, ?)')
      .run(id, view.subject, `${view.from?.name ?? ''} ${view.from?.address ?? ''}`, recipients, view.text);
  }

  /** Statements of threadFor by number of ids: preparing one per message stored costs more than running it. */
  private readonly threadLookups = new Map<number, Database.Statement>();

  private threadLookup(ids: number): Database.Statement {
    let statement = this.threadLookups.get(ids);
    if (!statement) {
      statement = this.db.prepare(threadLookupSql(ids));
      if (this.threadLookups.size < 200) this.threadLookups.set(ids, statement);
    }
    return statement;
  }

  /**
   * The thread a message joins (References and In-Reply-To, RFC 5322 §3.6.4): that of a stored
   * message it references or is a copy of; else one named after its oldest reference, or itself.
   * Threads already named after any of those ids (replies stored before it: a first sync runs
   * newest first) are merged into the one it joins, so a conversation never stays split.
   */
  private threadFor(accountId: string, message: StoredMessage): string {
    const names = threadNames(message);
    if (names.length === 0) return ownThread(message, names);
    const found = this.threadLookup(names.length).all(accountId, ...names, accountId, ...names) as { stored: number; thread_id: string | null }[];
    const target = found.find((row) => row.stored === 1 && row.thread_id !== null)?.thread_id ?? names[0]!;
    const others = [...new Set(found.map((row) => row.thread_id))].filter((thread): thread is string => thread !== null && thread !== target);
    if (others.length > 0) {
      this.db.prepare(`UPDATE messages SET thread_id = ? WHERE account_id = ? AND thread_id IN (${others.map(() => '?').join(',')})`).run(target, accountId, ...others);
    }
    return target;
  }
}

function subjectKey(accountId: string, path: string, uid: number): string {
  return `${accountId}\u0000${path}\u0000${uid}`;
}
