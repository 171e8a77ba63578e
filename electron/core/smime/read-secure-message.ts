/**
 * Reads a received message's S/MIME layers into one verdict (RFC 8551 §3). All or nothing: a
 * signature counts only when it covers the MIME root (possibly inside encryption layers that are
 * themselves the root); a signed part anywhere below an unsigned root is 'partial'. Likewise only a
 * root enveloped part is decrypted, so decrypted content is never shown beside parts from outside
 * the encryption (EFAIL direct exfiltration). Bad input yields a verdict of 'error', never a throw.
 */
import type { EncryptionVerdict, SignatureVerdict, SmimeVerdict } from '../../../shared/smime-types';
import type { SmimeCertificate } from './cms/certificate';
import { OID } from './cms/oids';
import { parseContentInfo } from './cms/signed-data';
import type { Decryptor } from './decryption-port';
import { displayedText } from './mime/displayed-text';
import { decodeWords, readFrom, type FromField } from './mime/from-address';
import { findProtectedHeader } from './mime/protected-headers';
import { headerValue, headerValues, MIME_LIMITS, readEntity, readLayerContent, type RawEntity } from './mime/raw-entity';
import { decodeBody } from './mime/transfer-encoding';
import { verifyDetached, verifyOpaque, type TrustContext } from './verify-signature';

export interface ReadOptions extends TrustContext {
  decryptor: Decryptor | null;
}

export interface SecureMessage {
  verdict: SmimeVerdict;
  from: { name: string; address: string } | null;
  subject: string;
  /** What a person sees: the signed or decrypted content, else the whole message; null if unreadable. */
  displayed: RawEntity | null;
  text: string;
  /** The certificate of a signer whose signature's math held, for the keystore to collect. */
  signerCertificate: SmimeCertificate | null;
}

/** How many sign/encrypt layers are unwrapped (a triple wrap is sign, encrypt, sign). */
const MAX_LAYERS = 4;

const NO_SIGNATURE: SignatureVerdict = { status: 'none', signer: null, reason: null, details: null };
const NO_ENCRYPTION: EncryptionVerdict = { status: 'none', algorithm: null, reason: null, integrityProtected: false };

/** Reads `raw` (the message exactly as received) and judges its signature and encryption. */
export async function readSecureMessage(raw: Buffer, options: ReadOptions): Promise<SecureMessage> {
  let root: RawEntity;
  try {
    root = readEntity(raw);
  } catch (error) {
    const reason = `The message could not be read: ${(error as Error).message}.`;
    return {
      verdict: { signature: { ...NO_SIGNATURE, status: 'error', reason }, encryption: NO_ENCRYPTION },
      from: null, subject: '', displayed: null, text: '', signerCertificate: null,
    };
  }
  const from = readFrom(root.headers);
  const subject = decodeWords(headerValue(root.headers, 'subject') ?? '');
  let signature: SignatureVerdict | null = null;
  let encryption: EncryptionVerdict = NO_ENCRYPTION;
  let signerCertificate: SmimeCertificate | null = null;
  let current = root;

  try {
    for (let layer = 0; layer < MAX_LAYERS; layer++) {
      const step = await unwrap(current, from, options);
      if (!step) break;
      if (step.kind === 'signature') {
        // The outermost signature is the one the verdict reports; inner ones are covered by it.
        if (!signature) {
          signature = step.verdict;
          signerCertificate = step.signer;
        }
      } else {
        encryption = step.verdict;
      }
      if (!step.inner) break;
      // Decrypted content and an opaque signature's eContent may be plain text, not a MIME entity.
      current = readLayerContent(step.inner, current.depth + 1);
    }
  } catch (error) {
    const reason = `The message could not be read: ${(error as Error).message}.`;
    if (!signature || signature.status === 'valid') signature = { ...NO_SIGNATURE, status: 'error', reason };
  }

  if (!signature) signature = findBuriedSignature(current) ?? NO_SIGNATURE;
  if (encryption.status === 'none') encryption = findBuriedEncryption(current) ?? NO_ENCRYPTION;
  // A signature inside the encryption protects the decrypted text even when CBC does not.
  if (encryption.status === 'decrypted' && !encryption.integrityProtected && signature.status === 'valid') {
    encryption = { ...encryption, integrityProtected: true };
  }
  const readable = encryption.status === 'decrypted' || encryption.status === 'none';
  return {
    verdict: { signature, encryption },
    from: from.mailbox,
    subject,
    displayed: readable ? current : null,
    text: readable ? displayedText(current) : '',
    signerCertificate,
  };
}

/**
 * Who the signer must be: the From the signature itself covers (RFC 9788 protected header) when
 * the signed content has one, else the outer From. The view says when the two differ.
 */
function senderOf(signedContent: Buffer, outer: FromField): FromField {
  const protectedHeader = findProtectedHeader(signedContent);
  if (!protectedHeader || headerValues(protectedHeader.fields, 'from').length === 0) return outer;
  return readFrom(protectedHeader.fields);
}

type Step =
  | { kind: 'signature'; verdict: SignatureVerdict; signer: SmimeCertificate | null; inner: Buffer | null }
  | { kind: 'encryption'; verdict: EncryptionVerdict; inner: Buffer | null };

async function unwrap(entity: RawEntity, from: FromField, options: ReadOptions): Promise<Step | null> {
  if (entity.mediaType === 'multipart/signed') {
    const [content, signaturePart] = entity.parts;
    if (!content || !signaturePart || entity.parts.length !== 2) {
      return signatureError(`a signed message must have exactly two parts, this one has ${entity.parts.length}`);
    }
    if (!/^application\/(x-)?pkcs7-signature$/.test(signaturePart.mediaType)) {
      return signatureError(`its signature part is ${signaturePart.mediaType}, not an S/MIME signature`);
    }
    let der: Buffer;
    try {
      der = decodeBody(signaturePart);
    } catch (error) {
      return signatureError((error as Error).message);
    }
    // The signed bytes are the first part exactly as received (RFC 1847 §2.1), never re-serialised.
    const layer = await verifyDetached(content.raw, der, senderOf(content.raw, from), options);
    return { kind: 'signature', verdict: layer.verdict, signer: layer.signer, inner: layer.verdict.status === 'error' ? null : content.raw };
  }
  if (!isPkcs7Mime(entity)) return null;
  let der: Buffer;
  let contentType: string;
  try {
    der = decodeBody(entity);
    contentType = parseContentInfo(der, 'the S/MIME part').contentType;
  } catch (error) {
    const smimeType = (entity.params['smime-type'] ?? '').toLowerCase();
    if (smimeType.includes('enveloped')) return { kind: 'encryption', verdict: { ...NO_ENCRYPTION, status: 'error', reason: `The encrypted part could not be read: ${(error as Error).message}.` }, inner: null };
    return signatureError((error as Error).message);
  }
  if (contentType === OID.signedData) {
    const layer = await verifyOpaque(der, (content) => (content ? senderOf(content, from) : from), options);
    return { kind: 'signature', verdict: layer.verdict, signer: layer.signer, inner: layer.content };
  }
  if (contentType === OID.envelopedData || contentType === OID.authEnvelopedData) {
    if (!options.decryptor) {
      return { kind: 'encryption', verdict: { ...NO_ENCRYPTION, status: 'not-a-recipient', reason: 'This message is encrypted and no key is available to open it.' }, inner: null };
    }
    const outcome = await options.decryptor.decrypt(der);
    if (outcome.status !== 'decrypted') {
      return { kind: 'encryption', verdict: { status: outcome.status, algorithm: outcome.status === 'error' ? outcome.algorithm ?? null : null, reason: outcome.reason, integrityProtected: false }, inner: null };
    }
    const reason = outcome.integrityProtected
      ? null
      : `Encrypted with ${outcome.algorithm}, which does not protect against tampering; remote content stays blocked.`;
    return { kind: 'encryption', verdict: { status: 'decrypted', algorithm: outcome.algorithm, reason, integrityProtected: outcome.integrityProtected }, inner: outcome.content };
  }
  return signatureError(`its S/MIME part holds ${contentType}, which Sealmail does not read`);
}

function signatureError(reason: string): Step {
  return { kind: 'signature', verdict: { ...NO_SIGNATURE, status: 'error', reason: `The signature could not be read: ${reason}.` }, signer: null, inner: null };
}

function isPkcs7Mime(entity: RawEntity): boolean {
  if (/^application\/(x-)?pkcs7-mime$/.test(entity.mediaType)) return true;
  // Some clients send opaque S/MIME as octet-stream named *.p7m (RFC 8551 §3.2.1 tolerates it).
  const name = entity.params.name ?? /filename="?([^";]+)/i.exec(headerValue(entity.headers, 'content-disposition') ?? '')?.[1] ?? '';
  return entity.mediaType === 'application/octet-stream' && /\.p7m$/i.test(name) && entity.depth === 0;
}

/** A signed part below an unsigned root (wrapped, hidden, attached or referenced by cid). */
function findBuriedSignature(entity: RawEntity): SignatureVerdict | null {
  if (!containsSmime(entity, 'signed', 0)) return null;
  return {
    ...NO_SIGNATURE,
    status: 'partial',
    reason: 'Only a part of this message is signed; the rest could have been written by anyone, so the message is not shown as signed.',
  };
}

function findBuriedEncryption(entity: RawEntity): EncryptionVerdict | null {
  if (!containsSmime(entity, 'enveloped', 0)) return null;
  return {
    ...NO_ENCRYPTION,
    reason: 'A part of this message is encrypted inside an unencrypted message; Sealmail does not open it, so it cannot be shown beside text from outside the encryption.',
  };
}

function containsSmime(entity: RawEntity, kind: 'signed' | 'enveloped', depth: number): boolean {
  if (depth > MIME_LIMITS.maxDepth) return false;
  const smimeType = (entity.params['smime-type'] ?? '').toLowerCase();
  if (kind === 'signed' && (entity.mediaType === 'multipart/signed' || /pkcs7-signature$/.test(entity.mediaType))) return true;
  if (/^application\/(x-)?pkcs7-mime$/.test(entity.mediaType)) {
    if (kind === 'signed' && (smimeType === 'signed-data' || smimeType === '')) return true;
    if (kind === 'enveloped' && smimeType !== 'signed-data') return true;
  }
  if (entity.mediaType === 'message/rfc822') {
    try {
      return containsSmime(readEntity(decodeBody(entity), entity.depth + 1), kind, depth + 1);
    } catch {
      return false;
    }
  }
  return entity.parts.some((part) => containsSmime(part, kind, depth + 1));
}
