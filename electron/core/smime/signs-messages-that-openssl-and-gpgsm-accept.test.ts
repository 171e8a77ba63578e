/** Item 1: what Sealmail signs, `openssl cms -verify` and `gpgsm --verify` accept, for RSA and EC. */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEntity } from './mime/raw-entity';
import { decodeBody } from './mime/transfer-encoding';
import type { GpgsmHome } from './testing/gpgsm-home';
import { withInteropPeers } from './testing/interop-peers';
import type { SmimeFixture } from './testing/smime-fixture';
import { openssl } from './testing/test-pki';

let f: SmimeFixture;
let gpgsm: GpgsmHome;
withInteropPeers((peers) => {
  ({ f, gpgsm } = peers);
});

describe.each(['alice', 'bob'] as const)('a message signed by %s', (who) => {
  it('verifies with openssl cms against the test CA for e-mail signing', () => {
    const identity = f[who];
    const message = f.signedMessage(identity, `Hello from ${who}, with ümlauts.\nSecond line.`);
    const path = f.pki.path(`${who}-signed.eml`);
    writeFileSync(path, message);
    const out = openssl(['cms', '-verify', '-in', path, '-CAfile', f.ca.certPath, '-purpose', 'smimesign']).toString('latin1');
    expect(out).toContain('Content-Type: text/plain; charset=utf-8');
  });

  it('verifies with gpgsm, which trusts only the test CA', () => {
    const identity = f[who];
    const message = f.signedMessage(identity, `Hello gpgsm from ${who}.`);
    const root = readEntity(message);
    const [content, signature] = root.parts;
    writeFileSync(f.pki.path(`${who}.content`), content!.raw);
    writeFileSync(f.pki.path(`${who}.p7s`), decodeBody(signature!));
    // gpgsm reports a good signature with --status-fd as GOODSIG and a trusted one as TRUST_FULLY.
    const status = gpgsm.run(['--status-fd', '1', '--verify', f.pki.path(`${who}.p7s`), f.pki.path(`${who}.content`)]).toString();
    expect(status).toContain('GOODSIG');
    expect(status).toContain('TRUST_FULLY');
  });

  it('carries signingTime, smimeCapabilities, encryptionKeyPreference, SHA-256 and the chain', () => {
    const identity = f[who];
    const message = f.signedMessage(identity, 'attributes');
    const signature = decodeBody(readEntity(message).parts[1]!);
    const dump = openssl(['cms', '-cmsout', '-print', '-inform', 'DER'], signature).toString();
    expect(dump).toContain('signingTime');
    expect(dump).toContain('S/MIME Capabilities');
    expect(dump).toContain('id-smime-aa-encrypKeyPref');
    expect(dump).toContain('sha256');
    expect(dump).toMatch(who === 'alice' ? /rsaEncryption/ : /ecdsa-with-SHA256/);
    const certs = openssl(['pkcs7', '-print_certs', '-inform', 'DER'], openssl(['cms', '-cmsout', '-inform', 'DER', '-outform', 'DER'], signature)).toString();
    expect(certs).toContain('Sealmail Test CA');
    expect(certs).toContain(`${who}@example.test`);
  });
});
