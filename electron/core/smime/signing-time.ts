/**
 * A signature's claimed signing time against its signer's certificate. NSS (Thunderbird's engine)
 * verifies the signer certificate at the signingTime attribute (RFC 5652 §11.3) when there is one,
 * so a signature that claims a time when the certificate was not in force is not good there, even
 * when the certificate holds at the time it is judged (Thunderbird's "future" cases in
 * mailnews/test/data/smime). Sealmail agrees: the claim is the signer's own, and a signer who
 * says it signed outside its certificate's life is either lying or using a key it no longer held.
 */
import type { SmimeCertificate } from './cms/certificate';

/**
 * A signer's clock may run a little off: a message signed minutes after a fresh certificate was
 * issued must not read as signed before it. Five minutes, the usual bound (RFC 4120 §1.7, Kerberos),
 * is far below the years of Thunderbird's cases and of a key used after its certificate ended.
 */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why the claimed signing time falls outside the signer's validity, or null when it does not (or none is claimed). */
export function signingTimeOutsideValidity(signingTime: Date | null, signer: SmimeCertificate): string | null {
  if (!signingTime) return null;
  const from = new Date(signer.x509.validFrom);
  const to = new Date(signer.x509.validTo);
  const claimed = signingTime.getTime();
  if (claimed >= from.getTime() - CLOCK_SKEW_MS && claimed <= to.getTime() + CLOCK_SKEW_MS) return null;
  return `The signature claims it was made on ${day(signingTime)}, when the signer's certificate was not in force (valid ${day(from)} to ${day(to)}).`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
