/**
 * Looks up a correspondent's S/MIME certificates in an LDAP directory, as Thunderbird's LDAP
 * address book and Outlook's GAL do: one subtree search for `(mail=<address>)` (RFC 4515 escaped)
 * asking for userCertificate;binary, userCertificate and userSMIMECertificate, over LDAPS or
 * StartTLS only. Every certificate found is checked as a DNS-published one is
 * (check-smimea-certificate.ts: size, parse, address, key usage); the chain is the keystore's to
 * judge. Never throws and never stores: every failure is a sentence in `problems`.
 */
import type { TrustSettings } from '../transport/tls-policy';
import { checkSmimeaCertificate } from '../smimea/check-smimea-certificate';
import { CERTIFICATE_ATTRIBUTES, candidatesOf, certificateValues } from './certificates-in-entry';
import { directoryFailure } from './directory-errors';
import { openDirectorySession, StepError } from './directory-session';
import { checkDirectorySettings, type DirectorySettings } from './directory-settings';
import { mailFilter } from './ldap-filter';

export interface DirectoryResult {
  /** Certificates that name the address and may be encrypted to, DER. */
  found: { der: Buffer }[];
  problems: string[];
}

export interface LookupOptions {
  /** For the whole look-up, connection to unbind; 10 s by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** A person has one entry; a few more means a shared address, many means a filter gone wrong. */
const SIZE_LIMIT = 10;

/**
 * Finds the certificates the directory of `settings` publishes for `address`, trusting the
 * directory's TLS certificate by `trust` (or its pin).
 */
export async function lookupInDirectory(
  settings: DirectorySettings, address: string, trust: TrustSettings, options: LookupOptions = {},
): Promise<DirectoryResult> {
  const checked = checkDirectorySettings(settings);
  if (!checked.ok) return { found: [], problems: [checked.problem] };
  const { endpoint } = checked;
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) return { found: [], problems: [`${address} is not an e-mail address to look up`] };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let timer: NodeJS.Timeout | undefined;
  let closeOnTimeout: (() => Promise<void>) | undefined;
  const deadline = new Promise<DirectoryResult>((resolve) => {
    timer = setTimeout(() => {
      void closeOnTimeout?.();
      resolve({ found: [], problems: [`Directory ${endpoint.host}:${endpoint.port} did not answer within ${Math.round(timeoutMs / 1000)} s.`] });
    }, timeoutMs);
  });
  const work = (async (): Promise<DirectoryResult> => {
    let session;
    try {
      session = await openDirectorySession(endpoint, settings, trust, timeoutMs, (close) => { closeOnTimeout = close; });
    } catch (error) {
      const step = error instanceof StepError ? error.step : 'connect';
      return { found: [], problems: [directoryFailure(error instanceof StepError ? error.failure : error, step, endpoint)] };
    }
    try {
      const { searchEntries } = await session.client.search(settings.baseDn, {
        scope: 'sub',
        filter: mailFilter(address),
        attributes: [...CERTIFICATE_ATTRIBUTES],
        explicitBufferAttributes: [...CERTIFICATE_ATTRIBUTES],
        sizeLimit: SIZE_LIMIT,
        timeLimit: Math.max(1, Math.floor(timeoutMs / 1000)),
        derefAliases: 'never',
      });
      return judgeEntries(searchEntries, address);
    } catch (error) {
      return { found: [], problems: [directoryFailure(error, 'search', endpoint)] };
    } finally {
      await session.close();
    }
  })();
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Each usable certificate once; a sentence for every value that is not one. */
function judgeEntries(entries: Parameters<typeof certificateValues>[0][], address: string): DirectoryResult {
  const found: { der: Buffer }[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const value of certificateValues(entry)) {
      const { certificates, problem } = candidatesOf(value);
      if (problem) problems.push(`A ${value.attribute} value of ${entry.dn} ${problem}; it was not used.`);
      for (const der of certificates) {
        const check = checkSmimeaCertificate(der, address);
        if (!check.ok) {
          problems.push(`A certificate in ${entry.dn} ${check.why}; it was not used.`);
          continue;
        }
        const key = der.toString('base64');
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ der });
      }
    }
  }
  return { found, problems };
}
