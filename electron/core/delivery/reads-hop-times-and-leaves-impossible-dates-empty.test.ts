import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './read-delivery-report';
import { messageWith } from './testing/received-samples';

const hopAt = (date: string) => readDeliveryReport(messageWith([`from a.example.com (a.example.com [192.0.2.1]) by b.example.org with ESMTPS id 1; ${date}`]), { hosts: [] }).hops[0];

describe('hop times', () => {
  it('reads RFC 5322 dates in UTC, with numeric and named zones', () => {
    const dates: Record<string, string> = {
      'Tue, 1 Dec 2026 10:00:00 +0000 (UTC)': '2026-12-01T10:00:00.000Z',
      'Tue,  1 Dec 2026 10:00:00 +0000': '2026-12-01T10:00:00.000Z',
      '1 Dec 2026 10:00 -0800': '2026-12-01T18:00:00.000Z',
      'Tue, 01 Dec 2026 15:30:00 +0530': '2026-12-01T10:00:00.000Z',
      'tue, 1 dec 2026 10:00:00 GMT': '2026-12-01T10:00:00.000Z',
      'Tue, 1 Dec 2026 05:00:00 EST': '2026-12-01T10:00:00.000Z',
      'Tue, 1 Dec 26 10:00:00 +0000': '2026-12-01T10:00:00.000Z',
      'Tue, 1 Dec 2026 10:00:00 +0000 GMT': '2026-12-01T10:00:00.000Z',
      'Sat, 29 Feb 2028 10:00:00 +0000': '2028-02-29T10:00:00.000Z',
      'Thu, 31 Dec 2026 23:59:60 +0000': '2026-12-31T23:59:59.000Z',
    };
    for (const [written, time] of Object.entries(dates)) expect({ written, time: hopAt(written)?.time }).toEqual({ written, time });
  });

  it('leaves the time empty, and the hop readable, when the date is not a date', () => {
    for (const written of ['yesterday', '1', 'Tue, 31 Feb 2026 10:00:00 +0000', 'Tue, 29 Feb 2026 10:00:00 +0000', '32 Dec 2026 10:00:00 +0000',
      '1 Dec 2026 25:00:00 +0000', '1 Dec 2026 10:61:00 +0000', '1 Dec 2026 10:00:00', '1 Dec 2026 10:00:00 +0099', '1 Foo 2026 10:00:00 +0000',
      '1 Dec 2026 10:00:00 +0000 and more words', '1 Dec 1066 10:00:00 +0000', '1 Dec 2026 10:00:00 constructor', '']) {
      expect({ written, hop: hopAt(written) }).toMatchObject({ written, hop: { time: null, unreadable: null, by: 'b.example.org' } });
    }
  });

  it('reads no time from a field without a semicolon', () => {
    expect(readDeliveryReport(messageWith(['from a.example.com by b.example.org with ESMTPS id 1']), { hosts: [] }).hops[0]).toMatchObject({ time: null, unreadable: null });
  });
});
