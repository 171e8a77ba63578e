import { expect, it } from 'vitest';
import { formatDraftOptions, parseDraftOptions } from './draft-options';

const options = { sign: true, encrypt: true, originalEncrypted: false };

it('keeps the recipients a draft asked for their certificate in its private options header', () => {
  const header = formatDraftOptions({ ...options, askedForCertificates: ['carol@example.test', 'dan@example.org'] });
  expect(header).toBe('sign=yes; encrypt=yes; original=plain; asked=carol@example.test,dan@example.org');
  expect(parseDraftOptions(header)).toMatchObject({ ...options, askedForCertificates: ['carol@example.test', 'dan@example.org'] });
});

it('writes nothing extra when nobody was asked, and reads an older header as nobody asked', () => {
  expect(formatDraftOptions({ ...options, askedForCertificates: [] })).toBe('sign=yes; encrypt=yes; original=plain');
  expect(parseDraftOptions('sign=yes; encrypt=no; original=plain').askedForCertificates).toEqual([]);
});

it('takes only what looks like an address from a header a draft from elsewhere may carry', () => {
  expect(parseDraftOptions('sign=yes; asked=carol@example.test,<script>,not an address,@x,dan@example.org').askedForCertificates).toEqual(['carol@example.test', 'dan@example.org']);
});
