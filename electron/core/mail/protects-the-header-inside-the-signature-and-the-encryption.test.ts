/**
 * Header protection (RFC 9788) end to end through composeMessage and secureView: what goes out
 * carries its header inside the signature (hp="clear") and the encryption (hp="cipher", the outer
 * Subject obscured as "[...]", HP-Outer recording the outside); OpenSSL and gpgsm read it without
 * error and show the protected fields; a plain mailparser read of the outside shows a placeholder;
 * Sealmail shows the protected header, warns when the outer From names someone else, and lists
 * what the outside changed.
 */
import { writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { outgoingMessageInput, type OutgoingMessage } from '../../../shared/inputs';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { SmimeService } from '../smime/smime-service';
import { withInteropPeers, type InteropPeers } from '../smime/testing/interop-peers';
import { keystoreDouble } from '../smime/testing/keystore-double';
import { openssl, type TestIdentity } from '../smime/testing/test-pki';
import { buildReply } from '../compose/build-reply';
import { composeMessage } from './compose-message';
import { secureView } from './secure-view';

let peers: InteropPeers;
withInteropPeers((ready) => {
  peers = ready;
  ready.gpgsm.importIdentity(ready.f.alice);
});

const sanitiser = new HtmlSanitiser();
const where = { uid: 9, folder: 'INBOX' };
const SUBJECT = 'Board merger: keep this between us';

const service = (self: TestIdentity, people: TestIdentity[]) => new SmimeService({ keystore: keystoreDouble(peers.f, self, people), clock: peers.f.clock, revocation: null });

async function send(from: TestIdentity, to: TestIdentity, fields: Partial<OutgoingMessage>) {
  const smime = service(from, [to]);
  const message = outgoingMessageInput.parse({ accountId: 'acc', to: [to.email], subject: SUBJECT, text: 'The numbers are attached to nothing.', ...fields });
  const composed = await composeMessage({ name: from === peers.f.alice ? 'Alice' : 'Someone', address: from.email }, message, 'example.test', (entity, options) => smime.protect(entity, { ...options, accountId: 'acc' }));
  return composed.raw;
}

const file = (name: string, bytes: Buffer | string) => {
  const path = peers.f.pki.path(name);
  writeFileSync(path, bytes);
  return path;
};

describe('an encrypted message', () => {
  it('travels with "[...]" as its subject: the real one is nowhere outside, and a plain reader shows the placeholder', async () => {
    const raw = await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: true });
    expect(raw.toString('latin1')).not.toContain('Board merger');
    const outside = await simpleParser(raw);
    expect(outside.subject).toBe('[...]');
    expect(outside.from?.value[0]?.address).toBe('alice@example.test');
    expect(outside.to && !Array.isArray(outside.to) ? outside.to.value[0]?.address : null).toBe('bob@example.test');
  });

  it('opens with openssl to the protected header with hp="cipher" and HP-Outer, and its signature verifies', async () => {
    const raw = await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: true });
    const decrypted = openssl(['cms', '-decrypt', '-in', file('hp-cipher.eml', raw), '-recip', peers.f.bob.certPath, '-inkey', peers.f.bob.keyPath]);
    const signedContent = openssl(['cms', '-verify', '-in', file('hp-cipher-signed.eml', decrypted), '-CAfile', peers.f.ca.certPath, '-purpose', 'smimesign']).toString('latin1');
    expect(signedContent).toMatch(/Content-Type: text\/plain; charset=utf-8;\r\n hp="cipher"/);
    expect(signedContent).toContain(`Subject: ${SUBJECT}`);
    expect(signedContent).toContain('HP-Outer: Subject: [...]');
    expect(signedContent).toContain('HP-Outer: From: Alice <alice@example.test>');
    expect(signedContent).not.toMatch(/HP-Outer: MIME-Version/i);
  });

  it('has its signed, protected payload verified by gpgsm once decrypted', async () => {
    const raw = await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: true });
    const decrypted = openssl(['cms', '-decrypt', '-in', file('hp-cipher-for-gpgsm.eml', raw), '-recip', peers.f.bob.certPath, '-inkey', peers.f.bob.keyPath]);
    const [content, signature] = signedParts(decrypted);
    expect(content).toMatch(/hp="cipher"/);
    expect(content).toContain(`Subject: ${SUBJECT}`);
    const status = peers.gpgsm.run(['--status-fd', '1', '--verify', file('hp-cipher.sig', signature), file('hp-cipher.txt', content)]).toString('latin1');
    expect(status).toMatch(/\[GNUPG:\] GOODSIG/);
  });

  it('shows the protected subject in Sealmail, marks the obscured outer subject as the sender\'s doing, and verifies', async () => {
    const raw = await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: true });
    const view = await secureView(raw, where, sanitiser, service(peers.f.bob, [peers.f.alice]));
    expect(view.subject).toBe(SUBJECT);
    expect(view.from).toEqual({ name: 'Alice', address: 'alice@example.test' });
    expect(view.security?.signature.status).toBe('valid');
    expect(view.text).toContain('The numbers are attached to nothing.');
    expect(view.headerProtection).toEqual({
      form: 'rfc9788',
      confidential: true,
      outerDifferences: [{ field: 'Subject', outer: '[...]', shown: SUBJECT, byDesign: true }],
      outerFrom: null,
    });
  });
});

describe('a reply', () => {
  it('answers with the protected subject, and encrypted it keeps that inside too', async () => {
    const received = await secureView(await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: true }), where, sanitiser, service(peers.f.bob, [peers.f.alice]));
    const reply = buildReply('reply', { view: received, shownText: received.text, replyTo: [], references: [], self: peers.f.bob.email });
    expect(reply.subject).toBe(`Re: ${SUBJECT}`);
    expect(reply.originalEncrypted).toBe(true);
    const raw = await send(peers.f.bob, peers.f.alice, { subject: reply.subject, text: reply.text, sign: true, encrypt: true });
    expect(raw.toString('latin1')).not.toContain('Board merger');
    const answered = await secureView(raw, where, sanitiser, service(peers.f.alice, [peers.f.bob]));
    expect(answered.subject).toBe(`Re: ${SUBJECT}`);
  });
});

describe('a signed message', () => {
  it('keeps its outer header readable and carries the same fields inside with hp="clear", which gpgsm verifies', async () => {
    const raw = await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: false });
    const text = raw.toString('latin1');
    expect(text).toMatch(new RegExp(`^Subject: ${SUBJECT}\\r$`, 'm'));
    const [content, signature] = signedParts(raw);
    expect(content).toMatch(/hp="clear"/);
    expect(content).toContain(`Subject: ${SUBJECT}`);
    expect(content).not.toContain('HP-Outer');
    // gpgsm checks the detached signature over the first part exactly as sent.
    const status = peers.gpgsm.run(['--status-fd', '1', '--verify', file('hp-clear.sig', signature), file('hp-clear.txt', content)]).toString('latin1');
    expect(status).toMatch(/\[GNUPG:\] GOODSIG/);
    const view = await secureView(raw, where, sanitiser, service(peers.f.bob, [peers.f.alice]));
    expect(view.headerProtection).toEqual({ form: 'rfc9788', confidential: false, outerDifferences: [], outerFrom: null });
  });

  it('shows the signed subject and sender when the outside was rewritten, with the outer From as a warning', async () => {
    const raw = await send(peers.f.alice, peers.f.bob, { sign: true, encrypt: false });
    const forged = Buffer.from(raw.toString('latin1')
      .replace(/^Subject: .*$/m, 'Subject: Pay the attached invoice today')
      .replace(/^From: .*$/m, 'From: Alice <mallory@evil.test>'), 'latin1');
    const view = await secureView(forged, where, sanitiser, service(peers.f.bob, [peers.f.alice]));
    // The signature covers the protected From, which is alice: still valid, as signed.
    expect(view.security?.signature.status).toBe('valid');
    expect(view.subject).toBe(SUBJECT);
    expect(view.from?.address).toBe('alice@example.test');
    expect(view.headerProtection?.outerFrom).toEqual({ name: 'Alice', address: 'mallory@evil.test' });
    expect(view.headerProtection?.outerDifferences).toEqual([
      { field: 'Subject', outer: 'Pay the attached invoice today', shown: SUBJECT, byDesign: false },
      { field: 'From', outer: 'Alice <mallory@evil.test>', shown: 'Alice <alice@example.test>', byDesign: false },
    ]);
  });
});

/** The two parts of a multipart/signed message, the first exactly as sent. */
function signedParts(raw: Buffer): [string, Buffer] {
  const text = raw.toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(text)![1]!;
  const parts = text.split(`--${boundary}`);
  const content = parts[1]!.replace(/^\r\n/, '').replace(/\r\n$/, '');
  const signaturePart = parts[2]!;
  const base64 = signaturePart.slice(signaturePart.indexOf('\r\n\r\n') + 4).replace(/\s+/g, '');
  return [content, Buffer.from(base64, 'base64')];
}
