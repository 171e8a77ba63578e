// lookupSmimea against a scripted loopback resolver: a secure DANE-EE or PKIX-EE record is found
// with its wording; bogus, insecure, missing and failed answers give no certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedDns } from '../transport-policy/testing/scripted-dns';
import type { DnsClient } from '../transport-policy/dns-client';
import { TestPki, type TestIdentity } from '../smime/testing/test-pki';
import { lookupSmimea } from './lookup-smimea';
import { encodeSmimeaRdata } from './smimea-record';
import { startSmimeaDns, wholeCertificate } from './testing/smimea-zone';

let pki: TestPki;
let carol: TestIdentity;
let server: ScriptedDns;
let dns: DnsClient;

const der = (identity: TestIdentity): Buffer => identity.certificate.der;

beforeAll(async () => {
  pki = new TestPki();
  const ca = pki.createCa('ca');
  carol = pki.issue(ca, 'carol@dane.test');
  const pkix = pki.issue(ca, 'pat@dane.test');
  const dave = pki.issue(ca, 'dave@bogus.test');
  const erin = pki.issue(ca, 'erin@insecure.test');
  ({ server, dns } = await startSmimeaDns({
    'carol@dane.test': { records: [wholeCertificate(3, der(carol))], dnssec: 'secure' },
    'pat@dane.test': { records: [wholeCertificate(1, der(pkix))], dnssec: 'secure' },
    'dave@bogus.test': { records: [wholeCertificate(3, der(dave))], dnssec: 'bogus' },
    'erin@insecure.test': { records: [wholeCertificate(3, der(erin))], dnssec: 'insecure' },
    'nodata@dane.test': { records: [], dnssec: 'secure' },
    'broken@dane.test': { records: [], dnssec: 'secure', scripted: { rcode: 'REFUSED' } },
    'silent@dane.test': { records: [], dnssec: 'secure', scripted: { silent: true } },
  }, 500));
});

afterAll(async () => {
  await server?.close();
  pki?.cleanup();
});

describe('lookupSmimea', () => {
  it('finds a DANE-EE certificate in a secure answer, worded as published by the domain', async () => {
    const result = await lookupSmimea(dns, 'carol@dane.test');
    expect(result).toEqual({ found: [{ der: der(carol), usage: 3, wording: 'published by the domain' }], dnssec: 'secure', problems: [] });
    const asked = server.queries.find((q) => q.name.endsWith('._smimecert.dane.test') && !q.checkingDisabled);
    expect(asked).toMatchObject({ type: 'UNKNOWN_53', dnssecOk: true });
  });

  it('finds a PKIX-EE certificate, worded so its authority must also be trusted', async () => {
    const result = await lookupSmimea(dns, 'pat@dane.test');
    expect(result.found).toMatchObject([{ usage: 1, wording: 'published by the domain; its authority must also be trusted' }]);
    expect(result.problems).toEqual([]);
  });

  it('refuses a badly signed answer', async () => {
    expect(await lookupSmimea(dns, 'dave@bogus.test')).toEqual({
      found: [], dnssec: 'bogus', problems: ['the SMIMEA record of dave@bogus.test is badly signed: not trusted'],
    });
  });

  it('ignores a record from an unsigned zone', async () => {
    const result = await lookupSmimea(dns, 'erin@insecure.test');
    expect(result.found).toEqual([]);
    expect(result.dnssec).toBe('insecure');
    expect(result.problems).toEqual(['the SMIMEA record of erin@insecure.test is not DNSSEC-validated, so it is ignored']);
  });

  it('ignores a record from a resolver off this machine, whose AD bit proves nothing', async () => {
    // No packet may leave 127.0.0.0/8, so a stand-in client gives the answer a remote resolver
    // would: the records with AD set, which dnssec-state.ts calls unvalidated.
    const remote = {
      query: async (name: string, type: string) => ({
        name, type, resolver: { host: '192.0.2.1', port: 53 }, rcode: 'NOERROR', dnssec: 'unvalidated' as const,
        answers: [{ type, name, ttl: 300, data: encodeSmimeaRdata(wholeCertificate(3, der(carol))) }],
      }),
    } as unknown as DnsClient;
    expect(await lookupSmimea(remote, 'carol@dane.test')).toEqual({
      found: [], dnssec: 'unvalidated', problems: ['the SMIMEA record of carol@dane.test is not DNSSEC-validated, so it is ignored'],
    });
  });

  it('finds nothing and says nothing when the name does not exist or has no SMIMEA record', async () => {
    expect(await lookupSmimea(dns, 'nobody@dane.test')).toEqual({ found: [], dnssec: 'secure', problems: [] });
    expect(await lookupSmimea(dns, 'nodata@dane.test')).toEqual({ found: [], dnssec: 'secure', problems: [] });
  });

  it('says so when the lookup fails, and never throws', async () => {
    const refused = await lookupSmimea(dns, 'broken@dane.test');
    expect(refused.found).toEqual([]);
    expect(refused.problems).toEqual(['the DNS server could not look up the SMIMEA record of broken@dane.test (REFUSED)']);
    const silent = await lookupSmimea(dns, 'silent@dane.test');
    expect(silent).toMatchObject({ found: [], dnssec: null });
    expect(silent.problems[0]).toMatch(/^the SMIMEA record of silent@dane\.test could not be looked up: .*did not answer/);
    const invalid = await lookupSmimea(dns, 'not an address');
    expect(invalid).toMatchObject({ found: [], dnssec: null });
    expect(invalid.problems).toHaveLength(1);
  });
});
