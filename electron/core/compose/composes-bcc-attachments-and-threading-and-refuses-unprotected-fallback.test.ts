/** The outgoing message carries attachments and threading, hides Bcc, and never drops Sign/Encrypt silently. */
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { outgoingMessageInput } from '../../../shared/inputs';
import { composeMessage } from '../mail/compose-message';

const from = { name: 'Alice', address: 'alice@example.test' };

it('puts Bcc in the envelope only, attaches files and sets In-Reply-To and References', async () => {
  const message = outgoingMessageInput.parse({
    accountId: 'a',
    to: ['bob@example.test'],
    bcc: ['secret@example.test'],
    subject: 'Re: Plans',
    text: 'Yes.',
    attachments: [{ filename: 'notes.txt', contentType: 'text/plain', base64: Buffer.from('one two').toString('base64') }],
    inReplyTo: '<m4@example.test>',
    references: ['<m1@example.test>', '<m4@example.test>'],
  });
  const composed = await composeMessage(from, message, 'example.test');
  expect(composed.envelope.to).toEqual(['bob@example.test', 'secret@example.test']);
  const parsed = await simpleParser(composed.raw);
  expect(composed.raw.toString()).not.toContain('secret@example.test');
  expect(parsed.inReplyTo).toBe('<m4@example.test>');
  expect(parsed.references).toEqual(['<m1@example.test>', '<m4@example.test>']);
  expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['notes.txt', 'one two']]);
});

it('refuses to build a message asked to be signed or encrypted rather than send it plain', async () => {
  for (const flags of [{ sign: true }, { encrypt: true }]) {
    const message = outgoingMessageInput.parse({ accountId: 'a', to: ['bob@example.test'], ...flags });
    await expect(composeMessage(from, message, 'example.test')).rejects.toMatchObject({ code: 'SMIME_UNAVAILABLE' });
  }
});

it('refuses attachments above the total cap, and file names with folders in them', () => {
  const big = 'A'.repeat(28 * 1024 * 1024);
  expect(outgoingMessageInput.safeParse({ accountId: 'a', to: ['b@example.test'], attachments: [{ filename: 'x.bin', base64: big }] }).success).toBe(false);
  expect(outgoingMessageInput.safeParse({ accountId: 'a', to: ['b@example.test'], attachments: [{ filename: '../x', base64: 'AA==' }] }).success).toBe(false);
});
