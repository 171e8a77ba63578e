/**
 * A reply or forward of encrypted mail says so (issue 6 item 5), so the composer can warn before
 * the quoted text goes out unencrypted; also when the original could not be decrypted.
 */
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../shared/domain';
import type { EncryptionVerdict } from '../../../shared/smime-types';
import { buildReply } from './build-reply';

function view(encryption: EncryptionVerdict['status'] | null): MessageView {
  return {
    uid: 4,
    folder: 'INBOX',
    subject: 'Plans',
    from: { name: 'Bob', address: 'bob@example.test' },
    to: [{ name: 'Alice', address: 'alice@example.test' }],
    cc: [],
    date: '2026-11-03T10:00:00.000Z',
    messageId: '<m4@example.test>',
    text: 'The plan',
    html: null,
    remoteContentBlocked: false,
    attachments: [],
    parseError: null,
    ...(encryption
      ? {
          security: {
            signature: { status: 'none', signer: null, reason: null, details: null },
            encryption: { status: encryption, algorithm: encryption === 'decrypted' ? 'AES-256-GCM' : null, reason: null, integrityProtected: encryption === 'decrypted' },
          },
        }
      : {}),
  };
}

const source = (v: MessageView) => ({ view: v, shownText: v.text, replyTo: [], references: [], self: 'alice@example.test' });

describe('whether the answered message was encrypted', () => {
  it('is true for replies, replies to all and forwards of decrypted mail', () => {
    for (const mode of ['reply', 'replyAll', 'forward'] as const) expect(buildReply(mode, source(view('decrypted'))).originalEncrypted).toBe(true);
  });

  it('is true when the original was encrypted but could not be opened', () => {
    expect(buildReply('reply', source(view('not-a-recipient'))).originalEncrypted).toBe(true);
    expect(buildReply('reply', source(view('error'))).originalEncrypted).toBe(true);
  });

  it('is false for mail that was not encrypted, or never checked', () => {
    expect(buildReply('reply', source(view('none'))).originalEncrypted).toBe(false);
    expect(buildReply('forward', source(view(null))).originalEncrypted).toBe(false);
  });
});
