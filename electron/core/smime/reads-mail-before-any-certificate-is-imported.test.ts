/**
 * Issue 14, item 2, in the app: the reader as create-core builds it (createSmimeService over the
 * real KeystoreService of the profile, the extra anchors passed in) gives real verdicts before any
 * certificate is imported, and while the keystore is locked. Signatures are judged against the
 * system roots and the trusted CA; encrypted mail says honestly why it cannot be read (no
 * certificate yet: import one; locked: unlock), never "locked" for a keystore that does not exist.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeKeyWrapper, makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from '../keystore/testing/keystore-fixture';
import { secureView } from '../mail/secure-view';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { createSmimeService } from './create-smime-service';
import { encryptEntity } from './encrypt-entity';
import { textEntity, withMessageHeaders } from './mime/compose-entity';
import { KEYSTORE_LOCKED_TO_READ, NO_KEYSTORE_TO_READ, UNLOCK_TO_CHECK_AUTHORITIES } from './smime-service';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
let signed: Buffer;
let encrypted: Buffer;
const fixtures: KeystoreFixture[] = [];
const sanitiser = new HtmlSanitiser();
const where = { uid: 1, folder: 'INBOX' };

function profile(): KeystoreFixture {
  const fixture = makeKeystoreFixture();
  fixtures.push(fixture);
  return fixture;
}

beforeAll(() => {
  f = createSmimeFixture();
  signed = f.signedMessage(f.bob, 'Hello from bob.');
  const { entity } = encryptEntity(textEntity('The secret plan.'), [{ certificate: f.alice.certificate, capabilities: { aesGcm: true, rsaOaep: false } }]);
  encrypted = withMessageHeaders(entity, { from: 'bob@example.test', to: ['alice@example.test'], subject: 'Secret', date: f.now });
}, 120_000);
afterAll(() => {
  for (const fixture of fixtures) fixture.cleanup();
  f.cleanup();
});

describe('before any keystore exists (passphrase protection, as in dev:web)', () => {
  it('shows a signature under a trusted CA as valid and one under no trusted CA as untrusted, writing nothing', async () => {
    const fixture = profile();
    const withCa = await secureView(signed, where, sanitiser, createSmimeService(fixture.open(), f.clock, [f.ca.certPem]));
    expect(withCa.security?.signature).toMatchObject({ status: 'valid', signer: { email: 'bob@example.test' } });
    expect(withCa.text.trim()).toBe('Hello from bob.');
    const withoutCa = await secureView(signed, where, sanitiser, createSmimeService(fixture.open(), f.clock));
    expect(withoutCa.security?.signature.status).toBe('untrusted');
    expect(withoutCa.security?.signature.reason).not.toContain(UNLOCK_TO_CHECK_AUTHORITIES);
    expect(readdirSync(fixture.dir)).toEqual([]);
  });

  it('says to set up certificates for encrypted mail, not to unlock them', async () => {
    const fixture = profile();
    const view = await secureView(encrypted, where, sanitiser, createSmimeService(fixture.open(), f.clock, [f.ca.certPem]));
    expect(view.security?.encryption).toMatchObject({ status: 'error', reason: NO_KEYSTORE_TO_READ });
    expect(view.text).toBe(NO_KEYSTORE_TO_READ);
  });
});

describe('before any certificate is imported (the OS keychain makes an empty keystore)', () => {
  it('judges the signature and says to import a certificate for encrypted mail, not "not a recipient"', async () => {
    const fixture = profile();
    const reader = createSmimeService(fixture.open({ keyWrapper: await fakeKeyWrapper() }), f.clock, [f.ca.certPem]);
    expect((await secureView(signed, where, sanitiser, reader)).security?.signature.status).toBe('valid');
    const view = await secureView(encrypted, where, sanitiser, reader);
    expect(view.security?.encryption).toMatchObject({ status: 'error', reason: NO_KEYSTORE_TO_READ });
  });
});

describe('while the keystore is locked', () => {
  let fixture: KeystoreFixture;
  beforeAll(async () => {
    fixture = profile();
    const keystore = fixture.open();
    await keystore.create(PASSPHRASE);
    await keystore.importIdentity('alice.p12', f.pki.pkcs12(f.alice, f.ca, 'p12pass'), 'p12pass');
    await keystore.addAuthority('ca.pem', Buffer.from(f.ca.certPem), '', f.ca.certificate.x509.fingerprint256);
  }, 60_000);

  it('still verifies against the system roots and the trusted CA passed in', async () => {
    const view = await secureView(signed, where, sanitiser, createSmimeService(fixture.open(), f.clock, [f.ca.certPem]));
    expect(view.security?.signature.status).toBe('valid');
  });

  it('says an authority the user added could not be consulted, instead of a bare "untrusted"', async () => {
    const view = await secureView(signed, where, sanitiser, createSmimeService(fixture.open(), f.clock));
    expect(view.security?.signature.status).toBe('untrusted');
    expect(view.security?.signature.reason).toContain(UNLOCK_TO_CHECK_AUTHORITIES);
  });

  it('asks to unlock for encrypted mail, and decrypts it once unlocked', async () => {
    const keystore = fixture.open();
    const reader = createSmimeService(keystore, f.clock);
    expect((await secureView(encrypted, where, sanitiser, reader)).security?.encryption).toMatchObject({ status: 'error', reason: KEYSTORE_LOCKED_TO_READ });
    await keystore.unlock(PASSPHRASE);
    const view = await secureView(encrypted, where, sanitiser, reader);
    expect(view.security?.encryption.status).toBe('decrypted');
    expect(view.text.trim()).toBe('The secret plan.');
  });
});
