import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readVcards } from './read-vcards';

// The parser does not judge certificates (the importer does): any bytes stand in for a DER here.
const der = randomBytes(700);
const b64 = der.toString('base64');
/** RFC 6350 §3.2 folding: lines of at most 75 octets, continued after CRLF and one space. */
const fold = (line: string) => (line.match(/.{1,75}/g) ?? []).join('\r\n ');

describe('readVcards', () => {
  it('reads a vCard 4.0 KEY as a data: URI, folded, with several EMAIL properties', () => {
    const vcf = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Bob Example', 'EMAIL;TYPE=work:Bob@Example.test', 'item1.EMAIL:bob@home.test', fold(`KEY:data:application/pkix-cert;base64,${b64}`), 'END:VCARD', ''].join('\r\n');
    const { contacts, skipped } = readVcards(Buffer.from(vcf));
    expect(skipped).toEqual([]);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ name: 'Bob Example', emails: ['bob@example.test', 'bob@home.test'], skipped: [] });
    expect(contacts[0]!.certificates[0]!.equals(der)).toBe(true);
  });

  it('reads the 3.0 and 2.1 forms, and several cards in one file', () => {
    const vcf = [
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Three', 'EMAIL;TYPE=INTERNET:three@example.test', fold(`KEY;TYPE=x509;ENCODING=b:${b64}`), 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:2.1', 'FN:Two One', 'EMAIL;INTERNET:two@example.test', `KEY;ENCODING=BASE64;TYPE=X509:`, ...(b64.match(/.{1,76}/g) ?? []).map((l) => `    ${l}`), '', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:2.1', 'EMAIL:bare@example.test', `KEY;X509;ENCODING=BASE64:${b64.slice(0, 76)}`, ...(b64.slice(76).match(/.{1,76}/g) ?? []), '', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'EMAIL:pem@example.test', `KEY;TYPE=X509:-----BEGIN CERTIFICATE-----\\n${b64}\\n-----END CERTIFICATE-----`, 'END:VCARD',
    ].join('\n');
    const { contacts, skipped } = readVcards(Buffer.from(vcf));
    expect(skipped).toEqual([]);
    expect(contacts.map((c) => c.emails[0])).toEqual(['three@example.test', 'two@example.test', 'bare@example.test', 'pem@example.test']);
    for (const contact of contacts) {
      expect(contact.skipped, contact.emails[0]).toEqual([]);
      expect(contact.certificates.map((c) => c.equals(der)), contact.emails[0]).toEqual([true]);
    }
  });

  it('gives reasons for keys it cannot use, and never throws on hostile input', () => {
    const vcf = [
      'BEGIN:VCARD', 'FN:Mixed', 'EMAIL:mixed@example.test',
      'KEY;TYPE=PGP;ENCODING=b:mQENBF',
      'KEY:data:application/pgp-keys;base64,mQENBF',
      'KEY;MEDIATYPE=application/pkix-cert:https://example.test/bob.cer',
      'KEY;ENCODING=b:not*base64!',
      'KEY;X-NOTE="a:b;c":data:application/pkix-cert;base64,' + b64,
      'END:VCARD',
    ].join('\r\n');
    const { contacts } = readVcards(Buffer.from(vcf));
    expect(contacts[0]!.skipped).toEqual([
      'a PGP key, not an S/MIME certificate',
      'a PGP key, not an S/MIME certificate',
      'a KEY that points to a web address; Sealmail does not fetch keys from the network',
      'a KEY whose base64 is broken',
    ]);
    expect(contacts[0]!.certificates).toHaveLength(1);

    const hostile: Buffer[] = [
      Buffer.alloc(0),
      randomBytes(50_000),
      Buffer.from('BEGIN:VCARD\r\nEMAIL:cut@example.test\r\nKEY;ENCODING=b:' + b64),
      Buffer.from('KEY;ENCODING=b:' + b64 + '\r\nEND:VCARD\r\nEND:VCARD'),
      Buffer.from(`BEGIN:VCARD\r\n${'X-LONG:' + 'a'.repeat(900_000)}\r\nEND:VCARD`),
      Buffer.from('BEGIN:VCARD\r\nAGENT:BEGIN:VCARD\r\nBEGIN:VCARD\r\nEMAIL:agent@example.test\r\nEND:VCARD\r\nEMAIL:outer@example.test\r\nEND:VCARD'),
      Buffer.from(':::\r\n;;;=\r\n"\r\nBEGIN:VCARD\r\n\u0000\uFFFD:\r\nEND:VCARD'),
    ];
    for (const bytes of hostile) expect(() => readVcards(bytes)).not.toThrow();
    expect(readVcards(hostile[0]!).skipped).toEqual(['the file holds no vCard (no BEGIN:VCARD … END:VCARD)']);
    expect(readVcards(hostile[2]!)).toMatchObject({ contacts: [], skipped: ['cut@example.test is cut short (the file ends before END:VCARD), so it was not read'] });
    expect(readVcards(hostile[3]!).contacts).toEqual([]);
    // A card nested in a 2.1 AGENT is not read as the outer card's addresses.
    expect(readVcards(hostile[5]!).contacts.map((c) => c.emails)).toEqual([['outer@example.test']]);
  });
});
