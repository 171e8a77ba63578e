/**
 * The S/MIME wiring of the mail service: opening a message judges it first and shows only the
 * signed or decrypted part with the verdict beside it; sending with Sign and Encrypt produces a
 * message `openssl cms` verifies and decrypts (the Sent copy is that same encrypted message).
 * Uses the S/MIME test PKI (alice RSA, bob EC) and the real SmimeService over a keystore double.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { outgoingMessageInput, type OutgoingMessage } from '../../../shared/inputs';
import type { Keystore } from '../keystore/keystore';
import { keystoreDouble } from '../smime/testing/keystore-double';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { KEYSTORE_LOCKED_TO_READ, NO_KEYSTORE_TO_READ, RecipientsWithoutCertificates, SmimeService } from '../smime/smime-service';
import { createSmimeFixture, type SmimeFixture } from '../smime/testing/smime-fixture';
import { openssl, type TestIdentity } from '../smime/testing/test-pki';
import { composeMessage, type EntityProtector } from './compose-message';
import { mayCacheView, secureView } from './secure-view';

let f: SmimeFixture;
const sanitiser = new HtmlSanitiser();
const where = { uid: 7, folder: 'INBOX' };

beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

const keystoreOf = (self: TestIdentity, people: TestIdentity[], collected: string[] = []): Keystore => keystoreDouble(f, self, people, collected);

const lockedKeystore: Keystore = new Proxy({} as Keystore, {
  get: () => async () => {
    throw new SealmailError('KEYSTORE_LOCKED');
  },
});

function service(keystore: Keystore): SmimeService {
  return new SmimeService({ keystore, clock: f.clock, revocation: null });
}

function outgoing(fields: Partial<OutgoingMessage>): OutgoingMessage {
  return outgoingMessageInput.parse({ accountId: 'acc-alice', to: ['bob@example.test'], subject: 'Lunch', text: 'See you at noon.\nAlice', ...fields });
}

function protectorOf(smime: SmimeService): EntityProtector {
  return (entity, options) => smime.protect(entity, { ...options, accountId: 'acc-alice' });
}

describe('opening S/MIME mail', () => {
  it('shows a message signed by bob as valid, with only the signed text and no signature attachment', async () => {
    const collected: string[] = [];
    const view = await secureView(f.signedMessage(f.bob, 'Signed hello from bob'), where, sanitiser, service(keystoreOf(f.alice, [], collected)));
    expect(view.security?.signature.status).toBe('valid');
    expect(view.security?.signature.signer?.email).toBe('bob@example.test');
    expect(view.text.trim()).toBe('Signed hello from bob');
    expect(view.attachments).toEqual([]);
    expect(view.from?.address).toBe('bob@example.test');
    // Reading a valid signature stores the signer's certificate for the sender's address.
    expect(collected).toEqual([`bob@example.test ${f.bob.certificate.x509.fingerprint256}`]);
    expect(mayCacheView(view)).toBe(true);
  });

  it('shows a modified copy as invalid', async () => {
    const raw = f.signedMessage(f.bob, 'Pay 10 euros');
    const base64Body = Buffer.from('Pay 10 euros').toString('base64');
    const tampered = Buffer.from(raw.toString('latin1').replace(base64Body, Buffer.from('Pay 99 euros').toString('base64')), 'latin1');
    expect(tampered.equals(raw)).toBe(false);
    const view = await secureView(tampered, where, sanitiser, service(keystoreOf(f.alice, [])));
    expect(view.security?.signature.status).toBe('invalid');
    expect(view.security?.signature.reason).toBeTruthy();
  });

  it('decrypts mail encrypted to alice, keeps it off the disk cache and blocks remote content for CBC', async () => {
    const composed = await composeMessage({ name: 'Bob', address: 'bob@example.test' }, outgoing({ to: ['alice@example.test'], text: 'Secret <b>plans</b>', encrypt: true }), 'example.test', protectorOf(service(keystoreOf(f.bob, [f.alice]))));
    expect(composed.raw.toString('latin1')).not.toContain('Secret');
    const view = await secureView(composed.raw, where, sanitiser, service(keystoreOf(f.alice, [f.bob])));
    expect(view.security?.encryption.status).toBe('decrypted');
    expect(view.security?.encryption.algorithm).toBe('AES-256-CBC');
    expect(view.text.trim()).toBe('Secret <b>plans</b>');
    expect(view.subject).toBe('Lunch');
    expect(view.remoteContentAllowed).toBe(false);
    expect(view.attachments).toEqual([]);
    expect(mayCacheView(view)).toBe(false);
  });

  it('asks to unlock the certificates for encrypted mail while the keystore is locked', async () => {
    const composed = await composeMessage({ name: 'Bob', address: 'bob@example.test' }, outgoing({ to: ['alice@example.test'], encrypt: true }), 'example.test', protectorOf(service(keystoreOf(f.bob, [f.alice]))));
    const view = await secureView(composed.raw, where, sanitiser, service(lockedKeystore));
    expect(view.text).toBe(KEYSTORE_LOCKED_TO_READ);
    expect(view.security?.encryption).toMatchObject({ status: 'error', reason: KEYSTORE_LOCKED_TO_READ });
    expect(view.remoteContentAllowed).toBe(false);
    expect(mayCacheView(view)).toBe(false);
  });

  it('judges signatures against the trusted roots before any keystore exists, and says how to read encrypted mail', async () => {
    const missing = new Proxy({} as Keystore, {
      get: () => async () => {
        throw new SealmailError('NOT_FOUND', 'There is no keystore yet; create one first.');
      },
    });
    const reader = new SmimeService({ keystore: missing, clock: f.clock, revocation: null, systemAnchors: [f.ca.certPem] });
    const signed = await secureView(f.signedMessage(f.bob, 'hello without a keystore'), where, sanitiser, reader);
    expect(signed.security?.signature.status).toBe('valid');
    expect(signed.text.trim()).toBe('hello without a keystore');

    const composed = await composeMessage({ name: 'Bob', address: 'bob@example.test' }, outgoing({ to: ['alice@example.test'], encrypt: true }), 'example.test', protectorOf(service(keystoreOf(f.bob, [f.alice]))));
    const encrypted = await secureView(composed.raw, where, sanitiser, reader);
    expect(encrypted.text).toBe(NO_KEYSTORE_TO_READ);
    expect(encrypted.security?.encryption.status).toBe('error');
  });

  it('says so when the message is not encrypted to any of the user\'s keys', async () => {
    const composed = await composeMessage({ name: 'Bob', address: 'bob@example.test' }, outgoing({ to: ['bob@example.test'], encrypt: true }), 'example.test', protectorOf(service(keystoreOf(f.bob, []))));
    const view = await secureView(composed.raw, where, sanitiser, service(keystoreOf(f.alice, [])));
    expect(view.security?.encryption.status).toBe('not-a-recipient');
    expect(view.text).toMatch(/not encrypted to any of your certificates/);
    expect(view.attachments).toEqual([]);
  });
});

describe('sending S/MIME mail', () => {
  it('signs then encrypts to every recipient and the sender, and openssl cms decrypts and verifies it', async () => {
    const smime = service(keystoreOf(f.alice, [f.bob]));
    const message = outgoing({ cc: [], bcc: [], sign: true, encrypt: true, attachments: [{ filename: 'notes.txt', contentType: 'text/plain', base64: Buffer.from('notes').toString('base64') }] });
    const composed = await composeMessage({ name: 'Alice', address: 'alice@example.test' }, message, 'example.test', protectorOf(smime));
    const text = composed.raw.toString('latin1');
    expect(text).toMatch(/^Content-Type: application\/pkcs7-mime; smime-type=enveloped-data/m);
    expect(text).toContain(`Message-ID: ${composed.messageId}`);
    expect(text).not.toContain('See you at noon');

    const file = f.pki.path(`sent-${Date.now()}.eml`);
    writeFileSync(file, composed.raw);
    // Bob (EC, the recipient) and alice (RSA, the sender's Sent copy) can both open it.
    for (const who of [f.bob, f.alice]) {
      const decrypted = openssl(['cms', '-decrypt', '-in', file, '-recip', who.certPath, '-inkey', who.keyPath]);
      const signedFile = f.pki.path(`signed-${who.keyType}-${Date.now()}.eml`);
      writeFileSync(signedFile, decrypted);
      const content = openssl(['cms', '-verify', '-in', signedFile, '-CAfile', f.ca.certPath, '-purpose', 'smimesign']).toString('latin1');
      expect(content).toContain('See you at noon.');
      expect(content).toContain('filename=notes.txt');
    }

    // And Sealmail reads its own Sent copy back: decrypted, validly signed by alice.
    const view = await secureView(composed.raw, where, sanitiser, smime);
    expect(view.security?.encryption.status).toBe('decrypted');
    expect(view.security?.signature.status).toBe('valid');
    expect(view.security?.encryption.integrityProtected).toBe(true);
    expect(view.text.trim()).toBe('See you at noon.\nAlice');
    expect(view.attachments.map((a) => a.filename)).toEqual(['notes.txt']);
  });

  it('refuses to encrypt when a recipient has no certificate, naming them, and sends nothing', async () => {
    const message = outgoing({ to: ['bob@example.test', 'carol@example.test'], cc: ['dave@example.test'], sign: true, encrypt: true });
    const attempt = composeMessage({ name: 'Alice', address: 'alice@example.test' }, message, 'example.test', protectorOf(service(keystoreOf(f.alice, [f.bob]))));
    await expect(attempt).rejects.toBeInstanceOf(RecipientsWithoutCertificates);
    await expect(attempt).rejects.toMatchObject({ addresses: ['carol@example.test', 'dave@example.test'] });
  });

  it('refuses to sign without a certificate for the sender and says to import one', async () => {
    const attempt = composeMessage({ name: 'Carol', address: 'carol@example.test' }, outgoing({ sign: true }), 'example.test', protectorOf(service(keystoreOf(f.alice, []))));
    await expect(attempt).rejects.toThrow(/no certificate for carol@example.test; import one/);
  });

  it('never sends a protected message in plaintext when S/MIME is missing', async () => {
    await expect(composeMessage({ name: 'Alice', address: 'alice@example.test' }, outgoing({ sign: true }), 'example.test', null)).rejects.toMatchObject({ code: 'SMIME_UNAVAILABLE' });
  });
});
