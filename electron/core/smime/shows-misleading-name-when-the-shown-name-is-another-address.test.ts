/**
 * Issue 14, item 4: a message validly signed by eve@bigcorporation.de under a From whose name
 * spells another address (`manager@bigcorporation.de <eve@bigcorporation.de>`) is read by a person
 * as manager's. It must never be 'valid'. With the display-name tricks of "Johnny, You Are Fired!"
 * (Müller et al., USENIX Security 2019, ID spoofing): padding, encoded words, look-alike '@',
 * comments and group names, and the From/Sender confusions that stay 'address-mismatch'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityOf, message } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import type { TestIdentity } from './testing/test-pki';

let f: SmimeFixture;
let eve: TestIdentity;
let byEve: Buffer;
beforeAll(() => {
  f = createSmimeFixture();
  eve = f.pki.issue(f.ca, 'eve@bigcorporation.de', { keyType: 'ec' });
  byEve = entityOf(f.signedMessage(eve, 'Please wire the money today.'));
}, 120_000);
afterAll(() => f.cleanup());

const read = (headers: string[]) => f.read(message([...headers, 'To: carol@example.test', 'Subject: urgent'], byEve));
const encoded = (text: string) => `=?utf-8?b?${Buffer.from(text, 'utf8').toString('base64')}?=`;

describe('a name that shows another address over eve\'s signature', () => {
  it('is misleading-name, and the reason names both addresses', async () => {
    const { signature } = (await read(['From: manager@bigcorporation.de <eve@bigcorporation.de>'])).verdict;
    expect(signature.status).toBe('misleading-name');
    expect(signature.reason).toBe('Signed by eve@bigcorporation.de, but the name shown, manager@bigcorporation.de, is another address.');
    expect(signature.signer?.email).toBe('eve@bigcorporation.de');
  });

  it.each([
    ['quoted', 'From: "manager@bigcorporation.de" <eve@bigcorporation.de>'],
    ['padded with dots', 'From: "manager@bigcorporation.de ......................." <eve@bigcorporation.de>'],
    ['padded with spaces and a dot', 'From: "manager@bigcorporation.de                              ." <eve@bigcorporation.de>'],
    ['padded with no-break spaces', 'From: "manager@bigcorporation.de\u00a0\u00a0\u00a0\u00a0\u3000\u3000 ." <eve@bigcorporation.de>'],
    ['after a real name', 'From: "Max Manager, manager@bigcorporation.de" <eve@bigcorporation.de>'],
    ['in a base64 encoded word', `From: ${encoded('manager@bigcorporation.de')} <eve@bigcorporation.de>`],
    ['in a quoted-printable encoded word', 'From: =?iso-8859-1?q?manager=40bigcorporation=2Ede?= <eve@bigcorporation.de>'],
    ['with a full-width at sign (U+FF20)', `From: ${encoded('manager\uff20bigcorporation.de')} <eve@bigcorporation.de>`],
    ['with a small at sign (U+FE6B), raw UTF-8', 'From: "manager\ufe6bbigcorporation.de" <eve@bigcorporation.de>'],
    ['with a zero-width space inside', `From: ${encoded('manager\u200b@bigcorporation.de')} <eve@bigcorporation.de>`],
    ['with spaces around the at sign', 'From: "manager @ bigcorporation.de" <eve@bigcorporation.de>'],
    ['in a comment, which clients show as the name', 'From: eve@bigcorporation.de (manager@bigcorporation.de)'],
    ['as the name of a group', 'From: manager@bigcorporation.de: eve@bigcorporation.de;'],
  ])('is misleading-name when another address is %s', async (_how, from) => {
    const { signature } = (await read([from])).verdict;
    expect(signature.status).toBe('misleading-name');
    expect(signature.reason).toContain('the name shown, manager@bigcorporation.de, is another address');
  });

  it('is misleading-name when the signer\'s address is padded with a look-alike dot into another domain', async () => {
    // U+2024 ONE DOT LEADER reads as '.', so this reads eve@bigcorporation.de.com: not eve's.
    const { signature } = (await read([`From: ${encoded('eve@bigcorporation.de\u2024com')} <eve@bigcorporation.de>`])).verdict;
    expect(signature.status).toBe('misleading-name');
    expect(signature.reason).toContain('eve@bigcorporation.de.com');
  });

  it('is misleading-name when a Cyrillic look-alike spells the signer\'s address', async () => {
    const { signature } = (await read(['From: "\u0435ve@bigcorporation.de" <eve@bigcorporation.de>'])).verdict;
    expect(signature.status).toBe('misleading-name');
  });

  it('is misleading-name when bidi controls reverse what is shown', async () => {
    // U+202E shows the text right to left: the person reads "manager@bigcorporation.de".
    const { signature } = (await read([`From: ${encoded('\u202eed.noitaroprocgib@reganam')} <eve@bigcorporation.de>`])).verdict;
    expect(signature.status).toBe('misleading-name');
  });
});

describe('a name that shows only eve, or no address at all', () => {
  it.each([
    ['her own address', 'From: "eve@bigcorporation.de" <eve@bigcorporation.de>'],
    ['her own address in other case', 'From: EVE@BigCorporation.DE <eve@bigcorporation.de>'],
    ['her own address with padding', 'From: "eve@bigcorporation.de  ......" <eve@bigcorporation.de>'],
    ['her own address with a full-width at sign', `From: ${encoded('eve\uff20bigcorporation.de')} <eve@bigcorporation.de>`],
    ['a plain name', 'From: "Eve Example" <eve@bigcorporation.de>'],
    ['a name with an at sign but no address', 'From: "Eve @ BigCorp" <eve@bigcorporation.de>'],
    ['a comment with her name', 'From: eve@bigcorporation.de (Eve Example)'],
  ])('stays valid with %s', async (_how, from) => {
    const { signature } = (await read([from])).verdict;
    expect(signature).toMatchObject({ status: 'valid', reason: null });
  });
});

describe('the From confusions of the paper', () => {
  it('stays address-mismatch when the signer is only in the display name and the address is manager', async () => {
    const { signature } = (await read(['From: "eve@bigcorporation.de" <manager@bigcorporation.de>'])).verdict;
    expect(signature.status).toBe('address-mismatch');
    expect(signature.reason).toContain('not by the sender manager@bigcorporation.de');
  });

  it.each([
    ['From is empty', ['From: '], /empty/],
    ['From has only a name', ['From: Manager'], /empty or unreadable/],
    ['From has only a name that looks like an address', ['From: "manager@bigcorporation.de"'], /empty or unreadable/],
    ['there is no From field', [], /no From/],
    ['there are two From fields', ['From: eve@bigcorporation.de', 'From: manager@bigcorporation.de'], /2 From fields/],
    ['From names two mailboxes', ['From: manager@bigcorporation.de, eve@bigcorporation.de'], /2 senders/],
    ['only Sender is the signer', ['From: manager@bigcorporation.de', 'Sender: eve@bigcorporation.de'], /not by the sender manager@bigcorporation\.de/],
  ])('is address-mismatch, not valid, when %s', async (_how, headers, reason) => {
    const { signature } = (await read(headers)).verdict;
    expect(signature.status).toBe('address-mismatch');
    expect(signature.reason).toMatch(reason);
  });
});
