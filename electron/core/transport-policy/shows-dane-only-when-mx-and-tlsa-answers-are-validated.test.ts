import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUsableForSmtp } from './dane';
import { stsPolicyText } from './testing/policy-server';
import { startPolicyWorld, type PolicyWorld } from './testing/policy-world';
import { daneEe } from './testing/zone-script';

describe('DANE for SMTP (RFC 7672), against a scripted validating resolver on 127.0.0.1', () => {
  let world: PolicyWorld;

  beforeAll(async () => {
    world = await startPolicyWorld(
      {
        'dane.test': { signed: true, MX: [{ preference: 10, exchange: 'mx1.dane.test' }, { preference: 20, exchange: 'mx2.dane.test' }] },
        '_25._tcp.mx1.dane.test': { signed: true, TLSA: [daneEe()] },
        '_25._tcp.mx2.dane.test': { signed: true, TLSA: [{ ...daneEe(), usage: 2, selector: 0, matchingType: 2 }] },
        '_mta-sts.dane.test': { TXT: ['v=STSv1; id=d1;'] },
        'bogus.test': { signed: true, MX: [{ preference: 10, exchange: 'mx.bogus.test' }] },
        '_25._tcp.mx.bogus.test': { signed: true, TLSA: [daneEe()], bogus: ['TLSA'] },
        'insecure.test': { MX: [{ preference: 10, exchange: 'mx.insecure.test' }] },
        '_25._tcp.mx.insecure.test': { TLSA: [daneEe()] },
        'unsignedtlsa.test': { signed: true, MX: [{ preference: 10, exchange: 'mx.unsigned.example' }] },
        '_25._tcp.mx.unsigned.example': { TLSA: [daneEe()] },
        'pkix.test': { signed: true, MX: [{ preference: 10, exchange: 'mx.pkix.test' }] },
        '_25._tcp.mx.pkix.test': { signed: true, TLSA: [{ ...daneEe(), usage: 1 }, { ...daneEe(), usage: 0 }] },
        'half.test': { signed: true, MX: [{ preference: 10, exchange: 'mx1.half.test' }, { preference: 20, exchange: 'mx2.half.test' }] },
        '_25._tcp.mx1.half.test': { signed: true, TLSA: [daneEe()] },
        'implicit.test': { signed: true, A: ['127.0.0.9'] },
        '_25._tcp.implicit.test': { signed: true, TLSA: [daneEe()] },
        'nullmx.test': { signed: true, MX: [{ preference: 0, exchange: '.' }] },
      },
      { 'mta-sts.dane.test': stsPolicyText('enforce', ['*.dane.test']) },
    );
  });
  afterAll(async () => {
    await world.close();
  });

  it('says dane when every MX has secure, usable TLSA records in a secure MX answer', async () => {
    const [policy] = await world.service().check(['dane.test']);
    expect(policy).toMatchObject({ kind: 'dane', dnssec: 'secure', mx: ['mx1.dane.test', 'mx2.dane.test'], problems: [], mtaSts: { mode: 'enforce' } });
    const tlsaQueries = world.dns.queries.filter((q) => q.type === 'TLSA').map((q) => q.name);
    expect(tlsaQueries).toEqual(expect.arrayContaining(['_25._tcp.mx1.dane.test', '_25._tcp.mx2.dane.test']));
  });

  it('shows badly signed TLSA records as a problem, not DANE', async () => {
    const [policy] = await world.service().check(['bogus.test']);
    expect(policy).toMatchObject({ kind: 'unknown', dnssec: 'bogus', mx: ['mx.bogus.test'] });
    expect(policy!.problems).toEqual(['the TLSA records of mx.bogus.test are badly signed: not trusted']);
  });

  it('does not look for TLSA records when the MX answer is not validated, and says none', async () => {
    const before = world.dns.queries.length;
    const [policy] = await world.service().check(['insecure.test']);
    expect(policy).toMatchObject({ kind: 'none', dnssec: 'insecure', problems: [] });
    expect(world.dns.queries.slice(before).some((q) => q.type === 'TLSA')).toBe(false);
  });

  it('does not count TLSA records from an unsigned zone, nor PKIX usages 0 and 1', async () => {
    const [unsigned, pkix] = await world.service().check(['unsignedtlsa.test', 'pkix.test']);
    expect(unsigned).toMatchObject({ kind: 'none', dnssec: 'secure', problems: [] });
    expect(pkix).toMatchObject({ kind: 'none' });
    expect(pkix!.problems).toEqual(['the TLSA records of mx.pkix.test are all of kinds SMTP cannot use (RFC 7672 §3.1.3)']);
    expect(isUsableForSmtp({ ...daneEe(), usage: 3, selector: 2 })).toBe(false);
    expect(isUsableForSmtp({ ...daneEe(), matchingType: 3 })).toBe(false);
  });

  it('is not dane when only some MX publish TLSA records, and says which do not', async () => {
    const [policy] = await world.service().check(['half.test']);
    expect(policy).toMatchObject({ kind: 'none' });
    expect(policy!.problems).toEqual(['only some mail servers publish usable TLSA records, not mx2.half.test, so DANE does not protect every delivery']);
  });

  it('takes the domain itself as its mail server when it has no MX records (RFC 5321 §5.1)', async () => {
    const [policy] = await world.service().check(['implicit.test']);
    expect(policy).toMatchObject({ kind: 'dane', mx: ['implicit.test'], dnssec: 'secure' });
  });

  it('says a domain with a null MX accepts no mail, and one that does not exist does not exist', async () => {
    const [nullMx, nosuch] = await world.service().check(['nullmx.test', 'nosuch.test']);
    expect(nullMx).toMatchObject({ kind: 'none', mx: [], problems: ['nullmx.test accepts no mail (its MX is ".", RFC 7505)'] });
    expect(nosuch).toMatchObject({ kind: 'unknown', mx: [], problems: ['the domain nosuch.test does not exist'] });
  });
});
