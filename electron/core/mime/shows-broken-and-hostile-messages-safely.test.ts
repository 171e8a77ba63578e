/** What the message view receives for broken, hostile and ordinary messages. */
import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-message';
import { HtmlSanitiser } from './sanitize-html';

const sanitiser = new HtmlSanitiser();
const where = { uid: 7, folder: 'INBOX' };
const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('opening a message', () => {
  it('shows text, sender and attachments of an ordinary message', async () => {
    const view = await parseMessage(
      crlf([
        'From: Bob <bob@example.test>',
        'To: alice@example.test',
        'Subject: Notes',
        'Date: Tue, 03 Nov 2026 10:00:00 +0000',
        'Message-ID: <notes@example.test>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See the notes.',
        '--b1',
        'Content-Type: text/plain; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        '',
        'one two three',
        '--b1--',
        '',
      ]),
      where,
      sanitiser,
    );
    expect(view).toMatchObject({
      subject: 'Notes',
      from: { name: 'Bob', address: 'bob@example.test' },
      to: [{ address: 'alice@example.test' }],
      date: '2026-11-03T10:00:00.000Z',
      messageId: '<notes@example.test>',
      parseError: null,
      html: null,
    });
    expect(view.text.trim()).toBe('See the notes.');
    expect(view.attachments).toEqual([{ filename: 'notes.txt', contentType: 'text/plain', size: 13 }]);
  });

  it('strips scripts and blocks remote images in HTML, and says so', async () => {
    const view = await parseMessage(
      crlf([
        'From: news@example.test',
        'Subject: Offer',
        'Content-Type: text/html',
        '',
        '<p onclick="steal()">Hi<script>alert(1)</script><img src="https://tracker.example/p.png"><img src="data:image/png;base64,AAAA">',
        '<div style="background: url(https://tracker.example/bg.png)">x</div><a href="https://example.test/">link</a></p>',
      ]),
      where,
      sanitiser,
    );
    expect(view.html).not.toBeNull();
    expect(view.html).not.toMatch(/script|onclick|tracker\.example/i);
    expect(view.html).toContain('data:image/png;base64,AAAA');
    expect(view.html).toContain('rel="noopener noreferrer"');
    expect(view.remoteContentBlocked).toBe(true);
  });

  it('does not claim remote content was blocked when there was none', async () => {
    const view = await parseMessage(crlf(['Subject: x', 'Content-Type: text/html', '', '<b>plain</b>']), where, sanitiser);
    expect(view.remoteContentBlocked).toBe(false);
  });

  it('shows a multipart message whose parts are missing as raw text with a notice', async () => {
    const raw = crlf([
      'From: broken@example.test',
      'Subject: Broken',
      'Content-Type: multipart/mixed; boundary="never-used"',
      '',
      'This body has no parts at all.',
    ]);
    const view = await parseMessage(raw, where, sanitiser);
    expect(view.parseError).toMatch(/boundary/);
    expect(view.text).toContain('This body has no parts at all.');
  });

  it('shows binary garbage as text with a notice, without throwing', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const view = await parseMessage(garbage, where, sanitiser);
    expect(view.uid).toBe(7);
    expect(typeof view.text).toBe('string');
  });
});
