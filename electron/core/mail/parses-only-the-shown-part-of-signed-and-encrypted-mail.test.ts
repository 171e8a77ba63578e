/**
 * Opening signed or encrypted mail parses and sanitises the shown part once: the outer message
 * gives only its header fields, read as the full parse would read them. Counted through the
 * sanitiser the view is given; the header compared with the full parse of the same message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseMessage } from '../mime/parse-message';
import { HtmlSanitiser, type SanitisedHtml } from '../mime/sanitize-html';
import { keyDecryptor } from '../smime/decrypt-envelope';
import { encryptEntity } from '../smime/encrypt-entity';
import { signEntity } from '../smime/sign-entity';
import { message, part } from '../smime/testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from '../smime/testing/smime-fixture';
import { secureView, type SecureReader } from './secure-view';

let f: SmimeFixture;
let reader: SecureReader;
const where = { uid: 3, folder: 'INBOX' };

beforeAll(() => {
  f = createSmimeFixture();
  const decryptor = keyDecryptor(() => [{ certificate: f.alice.certificate, key: f.alice.key }]);
  reader = { read: (raw) => f.read(raw, { decryptor }) };
}, 120_000);
afterAll(() => f.cleanup());

class CountingSanitiser extends HtmlSanitiser {
  calls = 0;
  override sanitise(...args: Parameters<HtmlSanitiser['sanitise']>): SanitisedHtml {
    this.calls++;
    return super.sanitise(...args);
  }
}

const HEADER = [
  'From: "Bob Example" <bob@example.test>',
  'To: Alice <alice@example.test>, Team: carol@example.test, dave@example.test;',
  'Cc: =?utf-8?q?Zo=C3=A9?= <zoe@example.test>',
  'Subject: =?utf-8?b?UGzDpG5lIGbDvHIgTW9udGFn?=',
  'Date: Tue, 03 Nov 2026 10:00:00 +0100',
  'Message-ID: <outer@example.test>',
];
const HTML = part(['Content-Type: text/html; charset=utf-8'], '<p>Signed <b>html</b></p><img src="https://tracker.test/p.gif">');

it('sanitises the HTML of a signed message once, and takes the header from the outer message', async () => {
  const raw = message(HEADER, signEntity(HTML, f.signer(f.bob), f.clock));
  const sanitiser = new CountingSanitiser();
  const view = await secureView(raw, where, sanitiser, reader);
  expect(view.security?.signature.status).toBe('valid');
  expect(sanitiser.calls).toBe(1);
  expect(view.html).toContain('Signed <b>html</b>');
  expect(view.remoteContentBlocked).toBe(true);

  const full = await parseMessage(raw, where, new HtmlSanitiser());
  const headerOf = (v: typeof view) => ({ uid: v.uid, folder: v.folder, subject: v.subject, from: v.from, to: v.to, cc: v.cc, date: v.date, messageId: v.messageId });
  expect(headerOf(view)).toEqual(headerOf(full));
  expect(view).toMatchObject({ subject: 'Pläne für Montag', from: { name: 'Bob Example', address: 'bob@example.test' }, messageId: '<outer@example.test>', date: '2026-11-03T09:00:00.000Z' });
  expect(view.to.map((a) => a.address)).toEqual(['alice@example.test', 'carol@example.test', 'dave@example.test']);
  expect(view.cc).toEqual([{ name: 'Zoé', address: 'zoe@example.test' }]);
});

it('sanitises the decrypted HTML once and shows the outer header of encrypted mail', async () => {
  const { entity } = encryptEntity(HTML, [{ certificate: f.alice.certificate, capabilities: { aesGcm: true, rsaOaep: false } }]);
  const sanitiser = new CountingSanitiser();
  const view = await secureView(message(HEADER, entity), where, sanitiser, reader);
  expect(view.security?.encryption.status).toBe('decrypted');
  expect(sanitiser.calls).toBe(1);
  expect(view.html).toContain('Signed <b>html</b>');
  expect(view.subject).toBe('Pläne für Montag');
  expect(view.attachments).toEqual([]);
});

it('shows the outer header and the reason, and sanitises nothing, when the message is not for the user', async () => {
  const carol = f.pki.issue(f.ca, 'carol@example.test');
  const { entity } = encryptEntity(HTML, [{ certificate: carol.certificate, capabilities: null }]);
  const sanitiser = new CountingSanitiser();
  const view = await secureView(message(HEADER, entity), where, sanitiser, reader);
  expect(view.security?.encryption.status).toBe('not-a-recipient');
  expect(sanitiser.calls).toBe(0);
  expect(view).toMatchObject({ subject: 'Pläne für Montag', html: null, attachments: [], parseError: null, remoteContentAllowed: false });
  expect(view.text).toMatch(/not encrypted to any of your certificates/);
});

it('shows a broken message that is not S/MIME as its raw text with the parser’s notice', async () => {
  // multipart without a boundary: the S/MIME reader cannot look inside, and nothing in it is protected.
  const raw = Buffer.from(
    [...HEADER, 'Content-Type: multipart/mixed', '', '--undeclared', 'Content-Type: text/plain', '', 'Still here', '--undeclared--', ''].join('\r\n'),
  );
  const view = await secureView(raw, where, new HtmlSanitiser(), reader);
  expect(view.parseError).toMatch(/several parts/);
  expect(view.text).toContain('Still here');
  expect(view.security?.signature.reason).toMatch(/declares no boundary/);
});
