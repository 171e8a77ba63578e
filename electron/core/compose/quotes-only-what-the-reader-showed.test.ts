/** Replies quote what the reader showed, thread correctly, and address the right people. */
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../shared/domain';
import { buildReply } from './build-reply';
import { ComposeService } from './compose-service';
import { visibleText } from './visible-text';

const view = (overrides: Partial<MessageView> = {}): MessageView => ({
  uid: 4,
  folder: 'INBOX',
  subject: 'Plans',
  from: { name: 'Bob', address: 'bob@example.test' },
  to: [{ name: 'Alice', address: 'alice@example.test' }, { name: '', address: 'carol@example.test' }],
  cc: [{ name: '', address: 'dave@example.test' }],
  date: '2026-11-03T10:00:00.000Z',
  messageId: '<m4@example.test>',
  text: 'Shown text\nsecond line',
  html: null,
  remoteContentBlocked: false,
  attachments: [],
  parseError: null,
  ...overrides,
});

describe('building a reply', () => {
  it('quotes the shown text, prefixes Re: once and threads on the original', () => {
    const draft = buildReply('reply', { view: view({ subject: 'Re: Plans' }), shownText: 'Shown text\n> earlier', replyTo: [], references: ['<m1@example.test>'], self: 'alice@example.test' });
    expect(draft.to).toEqual(['bob@example.test']);
    expect(draft.subject).toBe('Re: Plans');
    expect(draft.text).toContain('Bob <bob@example.test> wrote:\n> Shown text\n>> earlier');
    expect(draft.inReplyTo).toBe('<m4@example.test>');
    expect(draft.references).toEqual(['<m1@example.test>', '<m4@example.test>']);
  });

  it('reply all keeps everyone but oneself; Reply-To wins over From', () => {
    const draft = buildReply('replyAll', { view: view(), shownText: 'x', replyTo: [{ name: '', address: 'list@example.test' }], references: [], self: 'Alice@example.test' });
    expect(draft.to).toEqual(['list@example.test', 'carol@example.test']);
    expect(draft.cc).toEqual(['dave@example.test']);
  });

  it('a forward starts a new thread with the original headers above the shown text', () => {
    const draft = buildReply('forward', { view: view(), shownText: 'Shown text', replyTo: [], references: [], self: 'alice@example.test' });
    expect(draft.to).toEqual([]);
    expect(draft.subject).toBe('Fwd: Plans');
    expect(draft.text).toMatch(/Forwarded message[\s\S]*From: Bob <bob@example.test>[\s\S]*Shown text/);
    expect(draft.inReplyTo).toBeNull();
  });
});

describe('the visible text of shown HTML', () => {
  it('leaves out what the sender hid from the reader', () => {
    const text = visibleText(
      '<p>Hello <b>Alice</b></p><div style="display:none">SECRET-1</div><p hidden>SECRET-2</p>' +
        '<span style="font-size:0">SECRET-3</span><ul><li>one</li><li>two</li></ul><a href="https://example.test/x">site</a>' +
        '<style>.tuck { display: none } .ghost { visibility: hidden }</style><div class="tuck">SECRET-4</div><p class="ghost"><span>SECRET-5</span></p>',
    );
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('Hello Alice');
    expect(text).toContain('- one\n');
    expect(text).toContain('site <https://example.test/x>');
  });
});

describe('preparing a reply through the core', () => {
  const raw = (lines: string[]) => Buffer.from(lines.join('\r\n'));
  const source = raw([
    'From: Bob <bob@example.test>',
    'To: alice@example.test',
    'Subject: Plans',
    'Message-ID: <m4@example.test>',
    'References: <m1@example.test> <m2@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Visible words.',
    '--b',
    'Content-Type: text/plain; name="notes.txt"',
    'Content-Disposition: attachment; filename="notes.txt"',
    '',
    'hidden sibling',
    '--b--',
    '',
  ]);
  const accounts = { get: async () => ({ id: 'a', address: 'alice@example.test', displayName: '', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) };

  it('quotes the view, never the raw sibling parts, and carries the References chain', async () => {
    const shown = view({ text: 'Visible words.', attachments: [{ filename: 'notes.txt', contentType: 'text/plain', size: 14 }] });
    const mail = { open: async () => shown, source: async () => source, displayedSource: async () => source, messages: async () => ({ messages: [], total: 0, offset: 0 }), folders: async () => [] };
    const service = new ComposeService(mail, accounts);
    const reply = await service.prepareReply('a', 'INBOX', 4, 'reply', 'text');
    expect(reply.text).toContain('> Visible words.');
    expect(reply.text).not.toContain('hidden sibling');
    expect(reply.references).toEqual(['<m1@example.test>', '<m2@example.test>', '<m4@example.test>']);
    expect(reply.attachments).toEqual([]);

    const forward = await service.prepareReply('a', 'INBOX', 4, 'forward', 'text');
    expect(forward.attachments).toMatchObject([{ filename: 'notes.txt', size: 14 }]);
    expect(Buffer.from(forward.attachments[0]!.base64, 'base64').toString()).toBe('hidden sibling');
  });

  it('answers a message with protected headers by its protected Reply-To and References, never an outer one added on the way', async () => {
    const outer = Buffer.from('From: bob@example.test\r\nReply-To: mallory@evil.test\r\nReferences: <forged@evil.test>\r\nSubject: [...]\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nAAAA\r\n');
    const inside = Buffer.from('Content-Type: text/plain; charset=utf-8; hp="cipher"\r\nFrom: Bob <bob@example.test>\r\nReferences: <m1@example.test>\r\nSubject: Plans\r\n\r\nVisible words.\r\n');
    const protectedView = view({ text: 'Visible words.', headerProtection: { form: 'rfc9788', confidential: true, outerDifferences: [], outerFrom: null } });
    const mail = { open: async () => protectedView, source: async () => outer, displayedSource: async () => inside, messages: async () => ({ messages: [], total: 0, offset: 0 }), folders: async () => [] };
    const reply = await new ComposeService(mail, accounts).prepareReply('a', 'INBOX', 4, 'reply', 'text');
    expect(reply.to).toEqual(['bob@example.test']);
    expect(reply.references).toEqual(['<m1@example.test>', '<m4@example.test>']);
  });

  it('does not quote a message that could not be parsed', async () => {
    const mail = { open: async () => view({ parseError: 'broken', text: 'RAW SOURCE' }), source: async () => source, displayedSource: async () => source, messages: async () => ({ messages: [], total: 0, offset: 0 }), folders: async () => [] };
    const reply = await new ComposeService(mail, accounts).prepareReply('a', 'INBOX', 4, 'reply', 'text');
    expect(reply.text).not.toContain('RAW SOURCE');
    expect(reply.notice).toMatch(/not quoted/);
  });
});
