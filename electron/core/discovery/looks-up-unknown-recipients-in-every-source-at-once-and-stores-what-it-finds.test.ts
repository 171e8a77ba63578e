import { describe, expect, it } from 'vitest';
import type { LookupSource } from '../../../shared/certificate-lookup-types';
import type { PersonCertificateSource, PersonSummary } from '../../../shared/certificates';
import { CertificateFinder, type FinderKeystore, type LookupSourcePort, type SourceAnswer } from './certificate-finder';

/** A keystore that knows `known` (address -> source) and records what is stored. */
function fakeKeystore(known: Record<string, PersonCertificateSource> = {}) {
  const stored: { email: string; source: LookupSource }[] = [];
  const keystore: FinderKeystore = {
    async personFor(email) {
      const source = known[email] ?? stored.find((s) => s.email === email)?.source;
      if (!source) return null;
      return { email, certificates: [{ certificate: { fingerprint256: 'AA' }, source }], encryptionFingerprint256: 'AA', changed: null } as unknown as PersonSummary;
    },
    async addFoundCertificate(email, _der, source) {
      stored.push({ email, source });
    },
  };
  return { keystore, stored };
}

function source(name: LookupSource, answer: (address: string) => Promise<SourceAnswer | null>, asked: string[] = []): LookupSourcePort {
  return { source: name, lookup: (_account, address) => (asked.push(address), answer(address)) };
}

const clock = { now: () => new Date('2026-12-03T12:00:00Z') };
const der = Buffer.from('certificate');

describe('finding certificates of new recipients', () => {
  it('asks nothing about a recipient whose certificate is known, and says where it came from', async () => {
    const asked: string[] = [];
    const { keystore } = fakeKeystore({ 'bob@example.test': 'collected' });
    const finder = new CertificateFinder({ keystore: async () => keystore, sources: [source('dns', async () => ({ found: [], problems: [] }), asked)], clock });
    expect(await finder.find('acc', ['Bob@Example.test'])).toEqual([{ address: 'bob@example.test', certificateSource: 'collected', searched: [], checkedAt: null }]);
    expect(asked).toEqual([]);
  });

  it('stores what the directory found, says the directory, and keeps what DNS said beside it', async () => {
    const { keystore, stored } = fakeKeystore();
    const finder = new CertificateFinder({
      keystore: async () => keystore,
      sources: [source('directory', async () => ({ found: [{ der }], problems: [] })), source('dns', async () => ({ found: [], problems: ['the SMIMEA record of carol@x.test is not DNSSEC-validated'] }))],
      clock,
    });
    const [lookup] = await finder.find('acc', ['carol@x.test']);
    expect(stored).toEqual([{ email: 'carol@x.test', source: 'directory' }]);
    expect(lookup).toEqual({
      address: 'carol@x.test',
      certificateSource: 'directory',
      searched: [
        { source: 'directory', outcome: 'found', detail: null },
        { source: 'dns', outcome: 'refused', detail: 'the SMIMEA record of carol@x.test is not DNSSEC-validated' },
      ],
      checkedAt: '2026-12-03T12:00:00.000Z',
    });
  });

  it('asks every source at once, and a silent one fails within the timeout without holding the others', async () => {
    const { keystore } = fakeKeystore();
    let release!: () => void;
    const bothAsked = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    const finder = new CertificateFinder({
      keystore: async () => keystore,
      sources: [
        source('directory', () => new Promise(() => undefined), asked),
        source('dns', async () => {
          if (asked.length === 2) release();
          await bothAsked;
          return { found: [{ der }], problems: [] };
        }, asked),
      ],
      clock,
      timeoutMs: 50,
    });
    const [lookup] = await finder.find('acc', ['dan@x.test']);
    expect(lookup!.certificateSource).toBe('dns');
    expect(lookup!.searched[0]).toEqual({ source: 'directory', outcome: 'failed', detail: 'the directory did not answer within 50 ms' });
  });

  it('says not configured for an account without a directory, and none when no source has one', async () => {
    const { keystore, stored } = fakeKeystore();
    const finder = new CertificateFinder({ keystore: async () => keystore, sources: [source('directory', async () => null), source('dns', async () => ({ found: [], problems: [] }))], clock });
    const [lookup] = await finder.find('acc', ['erin@x.test']);
    expect(lookup!.certificateSource).toBeNull();
    expect(lookup!.searched.map((s) => s.outcome)).toEqual(['not-configured', 'none']);
    expect(stored).toEqual([]);
  });

  it('keeps an answer for a while, so adding the same recipient again asks nobody', async () => {
    const asked: string[] = [];
    const { keystore } = fakeKeystore();
    let now = new Date('2026-12-03T12:00:00Z');
    const finder = new CertificateFinder({ keystore: async () => keystore, sources: [source('dns', async () => ({ found: [], problems: [] }), asked)], clock: { now: () => now }, cacheMs: 60_000 });
    await finder.find('acc', ['frank@x.test']);
    await finder.find('acc', ['frank@x.test']);
    expect(asked).toEqual(['frank@x.test']);
    now = new Date('2026-12-03T12:02:00Z');
    await finder.find('acc', ['frank@x.test']);
    expect(asked).toEqual(['frank@x.test', 'frank@x.test']);
  });

  it('a source that throws is a failure in words, never an exception', async () => {
    const { keystore } = fakeKeystore();
    const finder = new CertificateFinder({ keystore: async () => keystore, sources: [source('directory', async () => Promise.reject(new Error('ldap.example.test refused the connection')))], clock });
    const [lookup] = await finder.find('acc', ['gina@x.test']);
    expect(lookup!.searched).toEqual([{ source: 'directory', outcome: 'failed', detail: 'ldap.example.test refused the connection' }]);
  });

  it('without a keystore nothing is looked up or stored', async () => {
    const asked: string[] = [];
    const finder = new CertificateFinder({ keystore: async () => null, sources: [source('dns', async () => ({ found: [{ der }], problems: [] }), asked)], clock });
    expect(await finder.find('acc', ['hal@x.test'])).toEqual([{ address: 'hal@x.test', certificateSource: null, searched: [], checkedAt: null }]);
    expect(asked).toEqual([]);
  });
});
