/**
 * Item 5, MIME wrapping: the badge appears only when the MIME root is what was signed. Text
 * prepended or appended around a genuine signed part, a signed part hidden by HTML/CSS, reached by
 * a cid reference in multipart/related, or attached: all 'partial', never 'valid'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityOf, message, multipart, part } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
let genuine: Buffer;
beforeAll(() => {
  f = createSmimeFixture();
  genuine = entityOf(f.signedMessage(f.alice, 'The genuine, signed text.'));
}, 120_000);
afterAll(() => f.cleanup());

const HEADERS = ['From: alice@example.test', 'To: carol@example.test', 'Subject: wrapped'];
const evil = (text: string) => part(['Content-Type: text/plain; charset=utf-8'], text);

describe('a genuine signed part inside an unsigned message', () => {
  it('is valid on its own (the control case)', async () => {
    const result = await f.read(message(HEADERS, genuine));
    expect(result.verdict.signature.status).toBe('valid');
  });

  it('is partial with text prepended', async () => {
    const result = await f.read(message(HEADERS, multipart('mixed', [evil('Attacker text first.'), genuine])));
    expect(result.verdict.signature.status).toBe('partial');
    expect(result.verdict.signature.signer).toBeNull();
  });

  it('is partial with text appended', async () => {
    const result = await f.read(message(HEADERS, multipart('mixed', [genuine, evil('P.S. attacker text last.')])));
    expect(result.verdict.signature.status).toBe('partial');
  });

  it('is partial when the signed part is hidden by HTML and CSS', async () => {
    const html = part(['Content-Type: text/html; charset=utf-8'], '<p>Attacker text.</p><div style="display:none">');
    const close = part(['Content-Type: text/html; charset=utf-8'], '</div>');
    const result = await f.read(message(HEADERS, multipart('mixed', [html, genuine, close])));
    expect(result.verdict.signature.status).toBe('partial');
  });

  it('is partial when the signed part sits in multipart/related behind a cid reference', async () => {
    const html = part(['Content-Type: text/html; charset=utf-8'], '<p>Attacker text.</p><iframe src="cid:signed@x"></iframe>');
    const referenced = Buffer.concat([Buffer.from('Content-ID: <signed@x>\r\n'), genuine]);
    const result = await f.read(message(HEADERS, multipart('related', [html, referenced], { extraParams: '; type="text/html"' })));
    expect(result.verdict.signature.status).toBe('partial');
  });

  it('is partial when the signed message is attached', async () => {
    const attached = part(['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="signed.eml"'], message(HEADERS, genuine));
    const result = await f.read(message(HEADERS, multipart('mixed', [evil('See the attached, signed by alice.'), attached])));
    expect(result.verdict.signature.status).toBe('partial');
  });

  it('does not show text from the preamble or epilogue of a signed root', async () => {
    const signed = message(HEADERS, genuine).toString('latin1')
      .replace('This is a cryptographically signed message in S/MIME format.', 'PREAMBLE: attacker text')
      .concat('EPILOGUE: attacker text\r\n');
    const result = await f.read(Buffer.from(signed, 'latin1'));
    expect(result.verdict.signature.status).toBe('valid');
    expect(result.text).toBe('The genuine, signed text.');
  });
});
