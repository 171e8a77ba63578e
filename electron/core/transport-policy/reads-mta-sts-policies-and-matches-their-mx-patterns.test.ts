import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mxMatchesPattern, parseStsPolicy } from './mta-sts-policy';
import { readStsRecord } from './mta-sts-record';
import { stsPolicyText } from './testing/policy-server';
import { startPolicyWorld, type PolicyWorld } from './testing/policy-world';

describe('the _mta-sts TXT record (RFC 8461 §3.1)', () => {
  it('takes the id of the one record starting v=STSv1', () => {
    expect(readStsRecord('a.test', ['v=STSv1; id=20160831085700Z;'])).toEqual({ kind: 'record', id: '20160831085700Z' });
    expect(readStsRecord('a.test', ['v=spf1 -all', 'v=STSv1;id=abc123'])).toEqual({ kind: 'record', id: 'abc123' });
    expect(readStsRecord('a.test', ['v=STSv1; id=abc; ext_1=value'])).toEqual({ kind: 'record', id: 'abc' });
  });

  it('ignores the records when there are several, none, or one without a valid id', () => {
    expect(readStsRecord('a.test', [])).toEqual({ kind: 'absent' });
    expect(readStsRecord('a.test', ['v=spf1 -all'])).toEqual({ kind: 'absent' });
    expect(readStsRecord('a.test', ['v=STSv1; id=1', 'v=STSv1; id=2'])).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('2 MTA-STS records') });
    expect(readStsRecord('a.test', ['v=STSv1'])).toMatchObject({ kind: 'invalid' });
    expect(readStsRecord('a.test', ['v=STSv1; id=has-dash'])).toMatchObject({ kind: 'invalid' });
    expect(readStsRecord('a.test', [`v=STSv1; id=${'a'.repeat(33)}`])).toMatchObject({ kind: 'invalid' });
    expect(readStsRecord('a.test', ['v=STSv1; id=a; id=b'])).toMatchObject({ kind: 'invalid' });
  });
});

describe('the policy file (RFC 8461 §3.2)', () => {
  it('reads version, mode, every mx and max_age, with LF or CRLF, ignoring extensions', () => {
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\nfoo: bar\n')).toEqual({
      ok: true, policy: { mode: 'enforce', mx: ['mail.example.com', '*.example.net'], maxAge: 604800 },
    });
    expect(parseStsPolicy(stsPolicyText('testing', ['MX.Example.COM.']))).toEqual({ ok: true, policy: { mode: 'testing', mx: ['mx.example.com'], maxAge: 86400 } });
    expect(parseStsPolicy('version: STSv1\r\nmode: none\r\nmax_age: 0\r\n')).toEqual({ ok: true, policy: { mode: 'none', mx: [], maxAge: 0 } });
  });

  it('refuses a policy without STSv1, with an unknown mode, a max_age over a year, no mx or a bad pattern', () => {
    expect(parseStsPolicy('version: STSv2\nmode: enforce\nmx: a.test\nmax_age: 1\n').ok).toBe(false);
    expect(parseStsPolicy('version: STSv1\nmode: strict\nmx: a.test\nmax_age: 1\n').ok).toBe(false);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 31557601\n').ok).toBe(false);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: a.test\nmax_age: -1\n').ok).toBe(false);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmax_age: 1\n').ok).toBe(false);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: *.*.a.test\nmax_age: 1\n').ok).toBe(false);
    expect(parseStsPolicy('<html>not a policy</html>').ok).toBe(false);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 31557600\n').ok).toBe(true);
  });
});

describe('mx patterns (RFC 8461 §4.1)', () => {
  it('matches exact names case-insensitively and a wildcard against one leftmost label only', () => {
    expect(mxMatchesPattern('mail.example.com', 'mail.example.com')).toBe(true);
    expect(mxMatchesPattern('MAIL.example.com.', 'mail.EXAMPLE.com')).toBe(true);
    expect(mxMatchesPattern('mx1.example.com', '*.example.com')).toBe(true);
    expect(mxMatchesPattern('example.com', '*.example.com')).toBe(false);
    expect(mxMatchesPattern('a.mx1.example.com', '*.example.com')).toBe(false);
    expect(mxMatchesPattern('mx1.example.com.evil.test', '*.example.com')).toBe(false);
    expect(mxMatchesPattern('mxexample.com', '*.example.com')).toBe(false);
    expect(mxMatchesPattern('mail.example.com', 'example.com')).toBe(false);
  });
});

describe('recipient domains with MTA-STS policies, through loopback DNS and HTTPS', () => {
  let world: PolicyWorld;
  const mxOf = (host: string) => ({ MX: [{ preference: 10, exchange: host }] });

  beforeAll(async () => {
    world = await startPolicyWorld(
      {
        'enforce.test': mxOf('mx1.enforce.test'),
        '_mta-sts.enforce.test': { TXT: ['v=STSv1; id=e1;'] },
        'testing.test': mxOf('mx.testing.test'),
        '_mta-sts.testing.test': { TXT: ['v=STSv1; id=t1;'] },
        'mismatch.test': mxOf('mx.mismatch.test'),
        '_mta-sts.mismatch.test': { TXT: ['v=STSv1; id=m1;'] },
        'partial.test': { MX: [{ preference: 10, exchange: 'mx1.partial.test' }, { preference: 20, exchange: 'backup.other.test' }] },
        '_mta-sts.partial.test': { TXT: ['v=STSv1; id=p1;'] },
        'redirect.test': mxOf('mx.redirect.test'),
        '_mta-sts.redirect.test': { TXT: ['v=STSv1; id=r1;'] },
        'html.test': mxOf('mx.html.test'),
        '_mta-sts.html.test': { TXT: ['v=STSv1; id=h1;'] },
        'huge.test': mxOf('mx.huge.test'),
        '_mta-sts.huge.test': { TXT: ['v=STSv1; id=g1;'] },
        'withdrawn.test': mxOf('mx.withdrawn.test'),
        '_mta-sts.withdrawn.test': { TXT: ['v=STSv1; id=w1;'] },
        'nopolicy.test': mxOf('mx.nopolicy.test'),
        'noaddress.test': mxOf('mx.noaddress.test'),
        '_mta-sts.noaddress.test': { TXT: ['v=STSv1; id=n1;'] },
        'silenthost.test': mxOf('mx.silenthost.test'),
        '_mta-sts.silenthost.test': { TXT: ['v=STSv1; id=s1;'] },
        'mta-sts.silenthost.test': { scripted: { A: { silent: true }, AAAA: { silent: true } } },
        'twice.test': mxOf('mx.twice.test'),
        '_mta-sts.twice.test': { TXT: ['v=STSv1; id=1;', 'v=STSv1; id=2;'] },
      },
      {
        'mta-sts.enforce.test': stsPolicyText('enforce', ['*.enforce.test'], 604800),
        'mta-sts.testing.test': stsPolicyText('testing', ['mx.testing.test']),
        'mta-sts.mismatch.test': stsPolicyText('enforce', ['mx.elsewhere.test']),
        'mta-sts.partial.test': stsPolicyText('enforce', ['*.partial.test']),
        'mta-sts.redirect.test': { location: 'https://mta-sts.enforce.test/.well-known/mta-sts.txt' },
        'mta-sts.html.test': { contentType: 'text/html', body: stsPolicyText('enforce', ['mx.html.test']) },
        'mta-sts.huge.test': { body: `${stsPolicyText('enforce', ['mx.huge.test'])}${'x: y\n'.repeat(20_000)}` },
        'mta-sts.withdrawn.test': stsPolicyText('none', []),
      },
    );
  });
  afterAll(async () => {
    await world.close();
  });

  it('says mta-sts for an enforce policy whose patterns match the MX, fetched over HTTPS from a host found through the same resolver', async () => {
    const [policy] = await world.service().check(['enforce.test']);
    expect(policy).toMatchObject({
      domain: 'enforce.test', kind: 'mta-sts', mx: ['mx1.enforce.test'], problems: [],
      mtaSts: { mode: 'enforce', mx: ['*.enforce.test'], maxAge: 604800, id: 'e1' },
    });
    expect(world.dns.queries.some((q) => q.name === 'mta-sts.enforce.test' && q.type === 'A')).toBe(true);
    expect(world.https.requests).toContain('mta-sts.enforce.test/.well-known/mta-sts.txt');
  });

  it('says mta-sts-testing for a testing policy', async () => {
    const [policy] = await world.service().check(['testing.test']);
    expect(policy).toMatchObject({ kind: 'mta-sts-testing', problems: [], mtaSts: { mode: 'testing' } });
  });

  it('says unknown, and why, for an enforce policy that does not list the domain\'s mail servers', async () => {
    const [policy] = await world.service().check(['mismatch.test']);
    expect(policy).toMatchObject({ kind: 'unknown', mtaSts: { mode: 'enforce', mx: ['mx.elsewhere.test'] } });
    expect(policy!.problems).toEqual([
      'the MTA-STS policy of mismatch.test does not list its mail servers (mx.mismatch.test), so a sending server that enforces it will refuse to deliver',
    ]);
  });

  it('still says mta-sts when only some MX are listed, and names the others', async () => {
    const [policy] = await world.service().check(['partial.test']);
    expect(policy).toMatchObject({ kind: 'mta-sts', mx: ['mx1.partial.test', 'backup.other.test'] });
    expect(policy!.problems).toEqual(['the MTA-STS policy of partial.test does not list backup.other.test, so sending servers will not deliver there']);
  });

  it('does not follow a redirect, refuses a policy served as text/html, and one over 64 KB', async () => {
    const [redirect, html, huge] = await world.service().check(['redirect.test', 'html.test', 'huge.test']);
    expect(redirect).toMatchObject({ kind: 'unknown', mtaSts: null });
    expect(redirect!.problems).toEqual([
      'the MTA-STS policy of redirect.test could not be fetched: mta-sts.redirect.test answered with a redirect, and MTA-STS policies are never fetched through one (RFC 8461 §3.3)',
    ]);
    expect(world.https.requests.filter((r) => r.startsWith('mta-sts.enforce.test'))).toHaveLength(1);
    expect(html!.problems).toEqual(['the MTA-STS policy of html.test could not be fetched: mta-sts.html.test sent it as text/html instead of text/plain (RFC 8461 §3.2)']);
    expect(huge!.problems).toEqual(['the MTA-STS policy of huge.test could not be fetched: it is larger than 64 KB']);
    expect(html!.kind).toBe('unknown');
    expect(huge!.kind).toBe('unknown');
  });

  it('says none for a domain without a record, with a withdrawn (mode none) policy, or with two records', async () => {
    const [nopolicy, withdrawn, twice] = await world.service().check(['nopolicy.test', 'withdrawn.test', 'twice.test']);
    expect(nopolicy).toMatchObject({ kind: 'none', mtaSts: null, problems: [], dnssec: 'insecure' });
    expect(withdrawn).toMatchObject({ kind: 'none', mtaSts: { mode: 'none', mx: [] }, problems: [] });
    expect(twice).toMatchObject({ kind: 'none', mtaSts: null });
    expect(twice!.problems).toEqual(['twice.test publishes 2 MTA-STS records where there must be one, so all are ignored (RFC 8461 §3.1)']);
  });

  it('resolves the policy host through the same resolver, and says when it has no address or the resolver stays silent', async () => {
    const [noaddress, silent] = await world.service({ timeoutMs: 1_600 }).check(['noaddress.test', 'silenthost.test']);
    const where = `${world.dns.resolver.host}:${world.dns.resolver.port}`;
    expect(noaddress).toMatchObject({ kind: 'unknown', problems: ['the MTA-STS policy of noaddress.test could not be fetched: mta-sts.noaddress.test has no address'] });
    expect(silent).toMatchObject({
      kind: 'unknown', problems: [`the MTA-STS policy of silenthost.test could not be fetched: the DNS server at ${where} did not answer within 0.4 s`],
    });
  });
});
