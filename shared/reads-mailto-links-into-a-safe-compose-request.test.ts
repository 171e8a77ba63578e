import { describe, expect, it } from 'vitest';
import { parseMailto } from './mailto';

describe('parseMailto', () => {
  it('reads recipients, subject and body (RFC 6068 examples)', () => {
    expect(parseMailto('mailto:chris@example.com')).toEqual({ to: ['chris@example.com'], cc: [], subject: '', body: '' });
    expect(parseMailto('mailto:infobot@example.com?subject=current-issue')).toMatchObject({ subject: 'current-issue' });
    expect(parseMailto('mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E')).toEqual({
      to: ['list@example.org'],
      cc: [],
      subject: '',
      body: '',
    });
    expect(parseMailto('mailto:joe@example.com?cc=bob@example.com&body=hello%0D%0Asecond%20line')).toEqual({
      to: ['joe@example.com'],
      cc: ['bob@example.com'],
      subject: '',
      body: 'hello\nsecond line',
    });
    expect(parseMailto('MAILTO:a@example.com,b@example.com?to=c@example.com&subject=Hi%20there')).toEqual({
      to: ['a@example.com', 'b@example.com', 'c@example.com'],
      cc: [],
      subject: 'Hi there',
      body: '',
    });
    expect(parseMailto('mailto:?to=a@example.com')).toMatchObject({ to: ['a@example.com'] });
  });

  it('keeps a plus as a plus (it is not a space in mailto:)', () => {
    expect(parseMailto('mailto:alice+news@example.com?subject=1+1')).toMatchObject({
      to: ['alice+news@example.com'],
      subject: '1+1',
    });
  });

  it('ignores attachments, bcc and every other header', () => {
    const request = parseMailto(
      'mailto:a@example.com?attach=/etc/passwd&attachment=file:///home/u/.ssh/id_rsa&bcc=spy@evil.example&X-Mailer=evil&from=boss@example.com',
    );
    expect(request).toEqual({ to: ['a@example.com'], cc: [], subject: '', body: '' });
    expect(JSON.stringify(request)).not.toMatch(/passwd|id_rsa|spy@|boss@/);
  });

  it('keeps the subject on one line, so it cannot smuggle a header', () => {
    expect(parseMailto('mailto:a@example.com?subject=Hello%0D%0ABcc:%20spy@evil.example')?.subject).toBe('Hello Bcc: spy@evil.example');
  });

  it('drops what is not one plain address', () => {
    const request = parseMailto('mailto:not-an-address,%22Eve%22%20%3Ceve@evil.example%3E,ok@example.com?cc=a@b@c,%0Ax@example.com');
    expect(request?.to).toEqual(['ok@example.com']);
    expect(request?.cc).toEqual(['x@example.com']);
  });

  it('strips control characters from the body but keeps its lines and tabs', () => {
    expect(parseMailto('mailto:a@example.com?body=a%00b%1B%5B31mc%09d%0Ae')?.body).toBe('ab[31mc\td\ne');
  });

  it('takes only the first subject and body, and removes duplicate addresses', () => {
    expect(parseMailto('mailto:a@example.com?to=A@example.com&subject=one&subject=two&body=x&body=y')).toEqual({
      to: ['a@example.com'],
      cc: [],
      subject: 'one',
      body: 'x',
    });
  });

  it('caps lengths', () => {
    const request = parseMailto(`mailto:a@example.com?subject=${'s'.repeat(5000)}&body=${'b'.repeat(40_000)}`);
    expect(request?.subject).toHaveLength(998);
    expect(request?.body).toHaveLength(32 * 1024);
    expect(parseMailto(`mailto:a@example.com?body=${'b'.repeat(70_000)}`)).toBeNull();
  });

  it.each([undefined, null, 42, '', 'https://example.com/', 'javascript:alert(1)', 'mailto:a@example.com?subject=%E0%A4%A', 'xmailto:a@example.com'])(
    'returns null for %j',
    (input) => {
      expect(parseMailto(input)).toBeNull();
    },
  );
});
