/** Stored messages for store and sync tests, built from a few overrides. */
import type { StoredMessage } from '../stored-message';

export function storedMessage(uid: number, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    uid,
    messageId: `<m${uid}@example.test>`,
    subject: `Message ${uid}`,
    from: { name: 'Bob Example', address: 'bob@example.test' },
    to: [{ name: 'Alice Example', address: 'alice@example.test' }],
    date: new Date(Date.UTC(2025, 0, 1) + uid * 60_000).toISOString(),
    seen: false,
    flagged: false,
    answered: false,
    size: 1000 + uid,
    hasAttachments: false,
    structure: null,
    encrypted: false,
    signed: false,
    modseq: null,
    inReplyTo: null,
    references: [],
    ...overrides,
  };
}
