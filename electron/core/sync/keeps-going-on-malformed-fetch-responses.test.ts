import type { FetchMessageObject } from 'imapflow';
import { expect, test } from 'vitest';
import { toStoredMessage } from './to-stored-message';
import { toUidSet } from './uid-set';

test('a FETCH without envelope, flags or structure still yields a storable message with safe defaults', () => {
  const bare = toStoredMessage({ seq: 1, uid: 42 } as FetchMessageObject);
  expect(bare).toMatchObject({ uid: 42, subject: '', from: null, to: [], seen: false, size: 0, hasAttachments: false, encrypted: false, references: [] });
  expect(bare.date).toBe(new Date(0).toISOString());
});

test('odd values (a subject that is not text, an absurd date, a NaN size, addresses without address) are tamed', () => {
  const odd = toStoredMessage({
    seq: 1,
    uid: 7,
    size: Number.NaN,
    internalDate: new Date('2025-03-01T10:00:00Z'),
    envelope: { subject: 12 as unknown as string, date: new Date('2098-01-01T00:00:00Z'), from: [{ name: 'No Address' }], to: [{ address: 'a@example.test' }] },
    flags: new Set(['\\Seen', '\\Flagged']),
  } as unknown as FetchMessageObject);
  expect(odd).toMatchObject({ uid: 7, subject: '', from: null, to: [{ name: '', address: 'a@example.test' }], size: 0, seen: true, flagged: true });
  expect(odd.date).toBe('2025-03-01T10:00:00.000Z');
});

test('S/MIME and PGP roots are recognised as encrypted or signed from the structure alone', () => {
  const withType = (type: string, parameters: Record<string, string> = {}) =>
    toStoredMessage({ seq: 1, uid: 1, bodyStructure: { type, parameters } } as unknown as FetchMessageObject);
  expect(withType('application/pkcs7-mime', { 'smime-type': 'enveloped-data' })).toMatchObject({ encrypted: true, signed: false });
  expect(withType('application/pkcs7-mime', { 'smime-type': 'signed-data' })).toMatchObject({ encrypted: false, signed: true });
  expect(withType('multipart/signed')).toMatchObject({ encrypted: false, signed: true });
  expect(withType('multipart/encrypted')).toMatchObject({ encrypted: true });
  expect(withType('text/plain')).toMatchObject({ encrypted: false, signed: false });
});

test('UID sets collapse runs and drop duplicates', () => {
  expect(toUidSet([5, 1, 2, 3, 9, 10, 3, 12])).toBe('1:3,5,9:10,12');
  expect(toUidSet([])).toBe('');
});
