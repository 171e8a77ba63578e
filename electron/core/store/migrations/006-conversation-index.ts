/**
 * Migration 6: an index of each folder's threads, newest message last within a thread. The
 * conversation list walks a folder newest first and keeps a message only when nothing in its
 * thread is newer: with this index that check is one seek, so a page of conversations costs about
 * as much as a page of messages, at 100,000 messages too.
 */
import type { Migration } from './migration';

export const conversationIndex: Migration = {
  version: 6,
  name: 'conversations of a folder',
  up(db) {
    db.exec('CREATE INDEX messages_by_folder_thread ON messages(account_id, folder, thread_id, hidden, date, uid);');
  },
};
