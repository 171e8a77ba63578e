/**
 * Finds the certificates of recipients nobody has received mail from yet, when they are added in
 * the composer: every configured source (the account's directory, SMIMEA in DNS) in parallel, each
 * with a timeout, answers cached with their time. A found certificate is stored as the person's,
 * under the harvesting rules (it never displaces one the user imported or confirmed). A recipient
 * whose certificate is already known is not looked up: their address goes nowhere.
 */
import type { CertificateLookup, LookupSource, SourceOutcome } from '../../../shared/certificate-lookup-types';
import type { PersonCertificateSource, PersonSummary } from '../../../shared/certificates';

/** What one source found for an address; null when the account has no such source. */
export interface SourceAnswer {
  found: { der: Buffer }[];
  problems: string[];
}

export interface LookupSourcePort {
  source: LookupSource;
  lookup(accountId: string, address: string): Promise<SourceAnswer | null>;
}

/** What the finder needs of the keystore. */
export interface FinderKeystore {
  personFor(email: string): Promise<PersonSummary | null>;
  addFoundCertificate(email: string, der: Buffer, source: LookupSource): Promise<unknown>;
}

export interface CertificateFinderOptions {
  /** The keystore when there is one and it is open; without it nothing is looked up or stored. */
  keystore: () => Promise<FinderKeystore | null>;
  sources: readonly LookupSourcePort[];
  clock: { now(): Date };
  /** Per source and address (default 8 s). */
  timeoutMs?: number;
  /** How long an answer is kept, found or not (default 15 min). */
  cacheMs?: number;
}

const SOURCE_WORDS: Record<LookupSource, string> = { directory: 'the directory', dns: 'DNS (SMIMEA)' };

export class CertificateFinder {
  private readonly cache = new Map<string, { at: number; searched: SourceOutcome[] }>();

  constructor(private readonly options: CertificateFinderOptions) {}

  /** One answer per address, in order; never throws for a single recipient's trouble. */
  async find(accountId: string, addresses: readonly string[]): Promise<CertificateLookup[]> {
    const keystore = await this.options.keystore();
    const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()))];
    return Promise.all(unique.map((address) => this.findOne(keystore, accountId, address)));
  }

  private async findOne(keystore: FinderKeystore | null, accountId: string, address: string): Promise<CertificateLookup> {
    const known = keystore ? await sourceInUse(keystore, address) : null;
    if (!keystore || known) return { address, certificateSource: known, searched: [], checkedAt: null };
    const key = `${accountId}\n${address}`;
    const now = this.options.clock.now().getTime();
    const cached = this.cache.get(key);
    let searched: SourceOutcome[];
    let at: number;
    if (cached && now - cached.at < (this.options.cacheMs ?? 15 * 60_000)) {
      ({ searched, at } = cached);
    } else {
      searched = await Promise.all(this.options.sources.map((source) => this.ask(source, keystore, accountId, address)));
      at = now;
      this.cache.set(key, { at, searched });
    }
    return { address, certificateSource: await sourceInUse(keystore, address), searched, checkedAt: new Date(at).toISOString() };
  }

  private async ask(port: LookupSourcePort, keystore: FinderKeystore, accountId: string, address: string): Promise<SourceOutcome> {
    const timeoutMs = this.options.timeoutMs ?? 8_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const answer = await Promise.race([port.lookup(accountId, address), timeout]);
      if (answer === 'timeout') return { source: port.source, outcome: 'failed', detail: `${SOURCE_WORDS[port.source]} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}` };
      if (answer === null) return { source: port.source, outcome: 'not-configured', detail: null };
      for (const { der } of answer.found) await keystore.addFoundCertificate(address, der, port.source);
      const detail = answer.problems.length > 0 ? answer.problems.join('; ') : null;
      if (answer.found.length > 0) return { source: port.source, outcome: 'found', detail };
      return { source: port.source, outcome: answer.problems.length > 0 ? 'refused' : 'none', detail };
    } catch (error) {
      return { source: port.source, outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The source of the certificate encryption would use for `address`, or null. */
async function sourceInUse(keystore: FinderKeystore, address: string): Promise<PersonCertificateSource | null> {
  const person = await keystore.personFor(address);
  if (!person?.encryptionFingerprint256) return null;
  return person.certificates.find((c) => c.certificate.fingerprint256 === person.encryptionFingerprint256)?.source ?? null;
}
