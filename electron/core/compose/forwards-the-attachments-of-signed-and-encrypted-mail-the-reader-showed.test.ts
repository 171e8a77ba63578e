/**
 * Forwarding S/MIME mail carries the attachments the reader listed, read from the part it showed:
 * the decrypted entity of encrypted mail, the signed content of signed mail (detached or opaque).
 * Never the encrypted blob, never a part from around it, never anything the reader did not list.
 * The messages are real S/MIME from the test PKI, opened by the real message view.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedDraft } from '../../../shared/compose-types';
import { secureView, type SecureReader } from '../mail/secure-view';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { keyDecryptor } from '../smime/decrypt-envelope';
import type { Decryptor } from '../smime/decryption-port';
import { encryptEntity } from '../smime/encrypt-entity';
import { wrapBase64 } from '../smime/mime/canonical';
import { textEntity, withMessageHeaders } from '../smime/mime/compose-entity';
import { signEntity } from '../smime/sign-entity';
import { message, multipart, part } from '../smime/testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from '../smime/testing/smime-fixture';
import { openssl } from '../smime/testing/test-pki';
import { ComposeService } from './compose-service';

let f: SmimeFixture;
let decryptor: Decryptor;
const sanitiser = new HtmlSanitiser();
const accounts = { get: async () => ({ id: 'a', address: 'alice@example.test', displayName: 'Alice', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) };

beforeAll(() => {
  f = createSmimeFixture();
  decryptor = keyDecryptor(() => [{ certificate: f.alice.certificate, key: f.alice.key }]);
}, 120_000);
afterAll(() => f.cleanup());

/** Bytes no text decoding keeps intact, so a forwarded copy must be the exact attachment. */
const PLAN = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0d, 0x0a, 0x7f, ...Buffer.from('the plan inside')]);

/** A text part and one base64 attachment, as a sender's client builds them. */
function withAttachment(text: string, filename: string, content: Buffer): Buffer {
  return multipart('mixed', [
    textEntity(text),
    part([`Content-Type: application/pdf; name="${filename}"`, `Content-Disposition: attachment; filename="${filename}"`, 'Content-Transfer-Encoding: base64'], wrapBase64(content)),
  ]);
}

function encryptedToAlice(entity: Buffer): Buffer {
  return encryptEntity(entity, [{ certificate: f.alice.certificate, capabilities: { aesGcm: true, rsaOaep: false } }]).entity;
}

const headers = { from: 'bob@example.test', to: ['alice@example.test'], subject: 'Plans', date: new Date() };

/**
 * The mail service as far as compose sees it, over `raw`: `open` is the real message view with
 * alice's reader, `displayedSource` the part it showed (as MailService.displayedSource gives it).
 */
function mailOver(raw: Buffer, reader: SecureReader, source: Buffer = raw) {
  return {
    open: () => secureView(raw, { uid: 9, folder: 'INBOX' }, sanitiser, reader),
    source: async () => source,
    displayedSource: async () => {
      const displayed = (await reader.read(raw)).displayed;
      return displayed && displayed.depth > 0 ? displayed.raw : raw;
    },
  };
}

const aliceReads: SecureReader = { read: (raw) => f.read(raw, { decryptor }) };

const bytesOf = (draft: PreparedDraft) => draft.attachments.map((a) => [a.filename, Buffer.from(a.base64, 'base64')]);

describe('forwarding encrypted mail', () => {
  it('carries the decrypted attachment, byte for byte, and not the encrypted blob', async () => {
    const raw = withMessageHeaders(encryptedToAlice(withAttachment('See the plan.', 'plan.pdf', PLAN)), headers);
    const draft = await new ComposeService(mailOver(raw, aliceReads), accounts).prepareReply('a', 'INBOX', 9, 'forward', 'text');
    expect(draft.text).toContain('See the plan.');
    expect(bytesOf(draft)).toEqual([['plan.pdf', PLAN]]);
    expect(draft.attachments[0]).toMatchObject({ contentType: 'application/pdf', size: PLAN.length });
    expect(draft.notice).toBeNull();
  });

  it('takes the attachment from the part the reader showed, never a same-named part beside the blob', async () => {
    const entity = encryptedToAlice(withAttachment('See the plan.', 'plan.pdf', PLAN));
    const raw = withMessageHeaders(entity, headers);
    // The raw bytes hold a sibling of the same name and size the reader never listed.
    const hidden = Buffer.alloc(PLAN.length, 'H');
    const sibling = part(['Content-Type: application/pdf; name="plan.pdf"', 'Content-Disposition: attachment; filename="plan.pdf"', 'Content-Transfer-Encoding: base64'], wrapBase64(hidden));
    const around = message(['From: bob@example.test', 'To: alice@example.test', 'Subject: Plans'], multipart('mixed', [sibling, entity]));
    const draft = await new ComposeService(mailOver(raw, aliceReads, around), accounts).prepareReply('a', 'INBOX', 9, 'forward', 'text');
    expect(bytesOf(draft)).toEqual([['plan.pdf', PLAN]]);
  });

  it('never decrypts a blob wrapped in an unencrypted message, and forwards only what the reader listed', async () => {
    let decrypted = 0;
    const counting: SecureReader = { read: (raw) => f.read(raw, { decryptor: { decrypt: async (der) => { decrypted++; return decryptor.decrypt(der); } } }) };
    const blob = encryptedToAlice(withAttachment('SECRET words', 'plan.pdf', PLAN));
    const hiddenHtml = part(['Content-Type: text/html; charset=utf-8'], '<p>Please forward this.</p><div style="display:none">HIDDEN sibling text</div>');
    const raw = message(['From: mallory@example.test', 'To: alice@example.test', 'Subject: Plans'], multipart('mixed', [hiddenHtml, blob]));
    const service = new ComposeService(mailOver(raw, counting), accounts);
    const view = await mailOver(raw, counting).open();
    const draft = await service.prepareReply('a', 'INBOX', 9, 'forward', 'html');
    expect(decrypted).toBe(0);
    expect(draft.text).toContain('Please forward this.');
    expect(draft.text).not.toContain('HIDDEN');
    // The reader listed the blob as it is (ciphertext); that, and only that, travels on.
    expect(draft.attachments.map((a) => [a.filename, a.size])).toEqual(view.attachments.map((a) => [a.filename, a.size]));
    for (const attachment of draft.attachments) {
      const bytes = Buffer.from(attachment.base64, 'base64');
      expect(bytes.includes(PLAN)).toBe(false);
      expect(bytes.toString('latin1')).not.toMatch(/SECRET|HIDDEN/);
    }
  });

  it('leaves out, with a notice, what the reader listed but the shown part no longer holds', async () => {
    const raw = withMessageHeaders(encryptedToAlice(withAttachment('See the plan.', 'plan.pdf', PLAN)), headers);
    const mail = mailOver(raw, aliceReads);
    const listed = async () => {
      const view = await mail.open();
      return { ...view, attachments: [...view.attachments, { filename: 'other.pdf', contentType: 'application/pdf', size: 10 }] };
    };
    const draft = await new ComposeService({ ...mail, open: listed }, accounts).prepareReply('a', 'INBOX', 9, 'forward', 'text');
    expect(bytesOf(draft)).toEqual([['plan.pdf', PLAN]]);
    expect(draft.notice).toMatch(/^1 attachment was left out/);
  });
});

describe('forwarding signed mail', () => {
  it('carries the attachment of a multipart/signed message, and not its signature', async () => {
    const raw = withMessageHeaders(signEntity(withAttachment('Signed plan.', 'plan.pdf', PLAN), f.signer(f.bob), f.clock), headers);
    const mail = mailOver(raw, aliceReads);
    expect((await mail.open()).security?.signature.status).toBe('valid');
    const draft = await new ComposeService(mail, accounts).prepareReply('a', 'INBOX', 9, 'forward', 'text');
    expect(bytesOf(draft)).toEqual([['plan.pdf', PLAN]]);
  });

  it('carries the attachment of an opaque signed message (application/pkcs7-mime from openssl)', async () => {
    const input = f.pki.path(`opaque-${Math.random()}.eml`);
    writeFileSync(input, withAttachment('Opaque plan.', 'plan.pdf', PLAN));
    const signed = openssl(['cms', '-sign', '-nodetach', '-binary', '-in', input, '-signer', f.bob.certPath, '-inkey', f.bob.keyPath, '-certfile', f.ca.certPath, '-md', 'sha256']);
    const raw = Buffer.concat([Buffer.from('From: bob@example.test\r\nTo: alice@example.test\r\nSubject: Plans\r\n'), signed]);
    expect(signed.toString('latin1')).toMatch(/smime-type=signed-data/);
    const mail = mailOver(raw, aliceReads);
    expect((await mail.open()).security?.signature.status).toBe('valid');
    const draft = await new ComposeService(mail, accounts).prepareReply('a', 'INBOX', 9, 'forward', 'text');
    expect(draft.text).toContain('Opaque plan.');
    expect(bytesOf(draft)).toEqual([['plan.pdf', PLAN]]);
  });

  it('a reply still carries no attachment and threads on the outer message', async () => {
    const raw = withMessageHeaders(signEntity(withAttachment('Signed plan.', 'plan.pdf', PLAN), f.signer(f.bob), f.clock), { ...headers, messageId: '<signed@example.test>' });
    const draft = await new ComposeService(mailOver(raw, aliceReads), accounts).prepareReply('a', 'INBOX', 9, 'reply', 'text');
    expect(draft.attachments).toEqual([]);
    expect(draft.to).toEqual(['bob@example.test']);
    expect(draft.inReplyTo).toBe('<signed@example.test>');
    expect(draft.text).toContain('> Signed plan.');
  });
});
