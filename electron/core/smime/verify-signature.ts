/**
 * Verification of one signature layer (RFC 8551 §3.5 detached, §3.4 opaque) into a verdict: the
 * math (cms/verify-signer-info), the chain (trust/build-chain), revocation, the digest's strength
 * and the signer's address against the single From mailbox and the name it shows. The verdict
 * depends on nothing else: never on what the body says.
 */
import type { SignatureVerdict, ValidationLevel } from '../../../shared/smime-types';
import { CmsFormatError } from './cms/asn1';
import { describeCertificate, emailsOf, signerName, toPem, type SmimeCertificate } from './cms/certificate';
import { WEAK_DIGESTS } from './cms/oids';
import { parseSignedData, RefusedStructure, type ParsedSignedData } from './cms/signed-data';
import { checkSignerInfo, SignerUnknown, type SignerCheck } from './cms/verify-signer-info';
import { hasBareLf, toCanonicalCrlf } from './mime/canonical';
import { sameAddress, type FromField } from './mime/from-address';
import { addressInNameNotBy } from './mime/misleading-name';
import type { RevocationChecker } from './revocation/revocation-checker';
import { signingTimeOutsideValidity } from './signing-time';
import { buildChain } from './trust/build-chain';

export interface TrustContext {
  anchors: SmimeCertificate[];
  /** Certificates known besides the message's own (collected earlier, intermediates). */
  knownCertificates: SmimeCertificate[];
  at: Date;
  revocation: RevocationChecker | null;
}

export interface SignatureLayer {
  verdict: SignatureVerdict;
  /** For opaque signatures: the signed MIME entity. */
  content: Buffer | null;
  signer: SmimeCertificate | null;
}

/** Verifies a detached signature over `signedBytes` (the first part of multipart/signed, as received). */
export async function verifyDetached(signedBytes: Buffer, signatureDer: Buffer, from: FromField, trust: TrustContext): Promise<SignatureLayer> {
  return verifyLayer(() => parseSignedData(signatureDer, 'detached'), (parsed) => {
    try {
      return { check: checkSignerInfo(parsed, signedBytes, trust.knownCertificates), content: null };
    } catch (error) {
      // Files saved on Unix lose the CR of CRLF; the canonical form (RFC 8551 §3.1.1) is what was signed.
      if (error instanceof RefusedStructure && hasBareLf(signedBytes)) {
        try {
          return { check: checkSignerInfo(parsed, toCanonicalCrlf(signedBytes), trust.knownCertificates), content: null };
        } catch {
          throw error;
        }
      }
      throw error;
    }
  }, from, trust);
}

/**
 * Verifies an opaque SignedData (application/pkcs7-mime; smime-type=signed-data). `from` may depend
 * on the signed content: its protected From (RFC 9788), when it has one, names the sender.
 */
export async function verifyOpaque(signatureDer: Buffer, from: FromField | ((content: Buffer | null) => FromField), trust: TrustContext): Promise<SignatureLayer> {
  return verifyLayer(() => parseSignedData(signatureDer, 'opaque'), (parsed) => ({
    check: checkSignerInfo(parsed, parsed.eContent!, trust.knownCertificates),
    content: parsed.eContent,
  }), from, trust);
}

async function verifyLayer(
  parse: () => ParsedSignedData,
  check: (parsed: ParsedSignedData) => { check: SignerCheck; content: Buffer | null },
  fromOf: FromField | ((content: Buffer | null) => FromField),
  trust: TrustContext,
): Promise<SignatureLayer> {
  let parsed: ParsedSignedData;
  let result: { check: SignerCheck; content: Buffer | null };
  try {
    parsed = parse();
    result = check(parsed);
  } catch (error) {
    const reason = (error as Error).message;
    // A signer whose certificate is nowhere cannot be judged either way: that is an error, not a forgery.
    const status = error instanceof RefusedStructure ? 'invalid' : 'error';
    const prefix = error instanceof SignerUnknown
      ? 'The signature could not be checked: '
      : error instanceof CmsFormatError || status === 'error' ? 'The signature could not be read: ' : 'Not signed as it claims: ';
    return { verdict: { status, signer: null, reason: `${prefix}${reason}.`, details: null }, content: null, signer: null };
  }
  const { check: signed, content } = result;
  const from = typeof fromOf === 'function' ? fromOf(content) : fromOf;
  const chain = buildChain(signed.signer, [...parsed.certificates, ...trust.knownCertificates], trust.anchors, trust.at);
  let revocation: { state: 'good' | 'revoked' | 'could-not-check' | 'not-checked'; reason: string | null } = { state: 'not-checked', reason: null };
  if (chain.status === 'trusted' && chain.chain.length > 1 && trust.revocation) {
    revocation = await trust.revocation.check(signed.signer, chain.chain[1]!, trust.at);
  }
  const emails = emailsOf(signed.signer);
  const fromAddress = from.mailbox?.address ?? null;
  const matchingEmail = fromAddress ? emails.find((email) => sameAddress(email, fromAddress)) : undefined;
  // The address may be the signer's while the name a person reads is another one (mime/misleading-name.ts).
  const shownAddress = addressInNameNotBy(from.shownNames, emails);
  // The certificate must also have been in force when the signature says it was made (signing-time.ts).
  const claimedTimeProblem = signingTimeOutsideValidity(signed.signingTime, signed.signer);

  let validation: ValidationLevel;
  if (chain.status === 'untrusted') validation = 'untrusted';
  else if (chain.status === 'expired') validation = 'expired';
  else if (revocation.state === 'revoked') validation = 'revoked';
  else if (claimedTimeProblem) validation = 'expired';
  else validation = revocation.state === 'good' ? 'trusted' : 'trusted-revocation-unknown';

  let status: SignatureVerdict['status'] = 'valid';
  let reason: string | null = null;
  if (validation === 'untrusted') [status, reason] = ['untrusted', `Signed, but ${chain.reason}.`];
  else if (validation === 'expired') [status, reason] = ['expired', chain.status === 'expired' ? `Signed, but ${chain.reason}.` : claimedTimeProblem];
  else if (validation === 'revoked') [status, reason] = ['revoked', `Signed, but the certificate was revoked${revocation.reason ? ` (${revocation.reason})` : ''}.`];
  else if (WEAK_DIGESTS.has(signed.digestName)) [status, reason] = ['weak', `Signed with ${signed.digestName.toUpperCase()}, which can be forged; the signature proves nothing.`];
  else if (!matchingEmail) {
    status = 'address-mismatch';
    reason = from.problem
      ? `Signed by ${emails.join(', ') || 'a certificate without an address'}, but ${from.problem}.`
      : `Signed by ${emails.join(', ') || 'a certificate without an address'}, not by the sender ${fromAddress}.`;
  } else if (shownAddress) {
    [status, reason] = ['misleading-name', `Signed by ${matchingEmail}, but the name shown, ${shownAddress}, is another address.`];
  } else if (revocation.state === 'could-not-check') {
    reason = `Whether the certificate was revoked could not be checked${revocation.reason ? ` (${revocation.reason})` : ''}.`;
  }

  return {
    verdict: {
      status,
      signer: { email: matchingEmail ?? emails[0] ?? null, name: signerName(signed.signer), validation, fingerprint256: signed.signer.x509.fingerprint256 },
      reason,
      details: {
        signingTime: signed.signingTime?.toISOString() ?? null,
        digestAlgorithm: signed.digestName.toUpperCase().replace('SHA', 'SHA-'),
        signatureAlgorithm: signed.signatureAlgorithm,
        chain: chain.chain.map(describeCertificate),
        revocation: revocation.state,
        revocationReason: revocation.reason,
        capabilities: signed.capabilities,
        signerCertificatePem: toPem(signed.signer),
      },
    },
    content,
    signer: signed.signer,
  };
}
