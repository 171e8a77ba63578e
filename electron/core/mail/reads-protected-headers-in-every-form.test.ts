/**
 * Reading header protection in the forms other senders use: RFC 9788's own sample payload
 * (Appendix C.3.1.2, signed here with the RFC 9216 sample key of Alice, as the RFC's vectors are),
 * its Legacy Display Element (Appendix E.1), a wrapped message/rfc822 (RFC 8551 §3.1), and the
 * older "memory hole" protected-headers="v1". Each shows the protected header and only the body.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { readCertificates } from '../smime/cms/certificate';
import { withMessageHeaders } from '../smime/mime/compose-entity';
import { readSecureMessage } from '../smime/read-secure-message';
import { signEntity } from '../smime/sign-entity';
import { createSmimeFixture, type SmimeFixture } from '../smime/testing/smime-fixture';
import { openssl } from '../smime/testing/test-pki';
import { secureView, type SecureReader } from './secure-view';

const VECTORS = join(import.meta.dirname, '../smime/testing/header-protection-vectors');
const vector = (name: string) => readFileSync(join(VECTORS, name), 'latin1').replace(/\r?\n/g, '\r\n');

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

const sanitiser = new HtmlSanitiser();
const where = { uid: 3, folder: 'INBOX' };
const reader = (anchorsPem: string): SecureReader => ({
  read: (raw) => readSecureMessage(raw, { anchors: readCertificates(anchorsPem), knownCertificates: [], at: new Date('2026-01-01T00:00:00Z'), revocation: null, decryptor: null }),
});
const testReader = (): SecureReader => ({ read: (raw) => f.read(raw) });

/** A payload signed by f.alice, with an outer header that says something else. */
function signedByAlice(payload: string, outerSubject: string): Buffer {
  const entity = signEntity(Buffer.from(payload, 'latin1'), f.signer(f.alice), f.clock);
  return withMessageHeaders(entity, { from: f.alice.email, to: ['bob@example.test'], subject: outerSubject, date: f.now });
}

describe('RFC 9788 sample payloads', () => {
  it('C.3.1.2, signed with the RFC 9216 key of Alice: the protected subject and sender, the obscured outer subject as the sender\'s doing', async () => {
    const payload = f.pki.path('c3-payload.txt');
    writeFileSync(payload, vector('rfc9788-C.3.1.2-smime-signed-enc-hp-baseline.decrypted-payload.txt'));
    const signed = openssl(['cms', '-sign', '-binary', '-crlfeol', '-in', payload, '-signer', join(VECTORS, 'alice.sign.cert.pem'), '-inkey', join(VECTORS, 'alice.sign.key.pem'), '-certfile', join(VECTORS, 'ca.cert.pem')]);
    const outer = 'Subject: [...]\r\nMessage-ID: <smime-signed-enc-hp-baseline@example>\r\nFrom: Alice <alice@smime.example>\r\nTo: Bob <bob@smime.example>\r\nDate: Sat, 20 Feb 2021 10:09:02 -0500\r\n';
    const raw = Buffer.concat([Buffer.from(outer, 'latin1'), signed]);

    const view = await secureView(raw, where, sanitiser, reader(readFileSync(join(VECTORS, 'ca.cert.pem'), 'latin1')));
    expect(view.security?.signature.status).toBe('valid');
    expect(view.subject).toBe('smime-signed-enc-hp-baseline');
    expect(view.from).toEqual({ name: 'Alice', address: 'alice@smime.example' });
    expect(view.text.trim()).toBe('This is the\nsmime-signed-enc-hp-baseline\nmessage.');
    // hp="cipher" without encryption is only an intent (RFC 9788 §10.2): nothing was confidential.
    expect(view.headerProtection).toEqual({
      form: 'rfc9788',
      confidential: false,
      outerDifferences: [{ field: 'Subject', outer: '[...]', shown: 'smime-signed-enc-hp-baseline', byDesign: true }],
      outerFrom: null,
    });
  });

  it('E.1: the Legacy Display Element is not shown above the protected header', async () => {
    const raw = signedByAlice(vector('rfc9788-E.1-text-plain-legacy-display.payload.txt'), '[...]');
    const view = await secureView(raw, where, sanitiser, testReader());
    expect(view.subject).toBe('Dinner plans');
    expect(view.text.startsWith("Let's meet at Rama's Roti Shop at 8pm")).toBe(true);
    expect(view.text).not.toContain('Subject: Dinner plans');
  });
});

describe('older forms', () => {
  it('a wrapped message/rfc822 (forwarded=no) shows the inner message\'s header and body', async () => {
    const inner = 'From: alice@example.test\r\nTo: bob@example.test\r\nSubject: The wrapped subject\r\nDate: Mon, 1 Jun 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe wrapped body.\r\n';
    const raw = signedByAlice(`Content-Type: message/rfc822; forwarded=no\r\n\r\n${inner}`, 'Something else');
    const view = await secureView(raw, where, sanitiser, testReader());
    expect(view.security?.signature.status).toBe('valid');
    expect(view.subject).toBe('The wrapped subject');
    expect(view.text.trim()).toBe('The wrapped body.');
    expect(view.attachments).toEqual([]);
    expect(view.headerProtection).toMatchObject({ form: 'wrapped', outerDifferences: expect.arrayContaining([expect.objectContaining({ field: 'Subject', outer: 'Something else', byDesign: false })]) });
  });

  it('memory hole (protected-headers="v1") shows the protected subject', async () => {
    const payload = 'Content-Type: text/plain; charset=utf-8; protected-headers="v1"\r\nSubject: The memory-hole subject\r\nFrom: alice@example.test\r\n\r\nBody text.\r\n';
    const view = await secureView(signedByAlice(payload, '...'), where, sanitiser, testReader());
    expect(view.subject).toBe('The memory-hole subject');
    expect(view.headerProtection?.form).toBe('memory-hole');
  });

  it('a message without any of these shows its outer header, with nothing about protection', async () => {
    const view = await secureView(signedByAlice('Content-Type: text/plain\r\n\r\nPlain signed.\r\n', 'Outer only'), where, sanitiser, testReader());
    expect(view.subject).toBe('Outer only');
    expect(view.headerProtection).toBeUndefined();
  });
});
