/**
 * The S/MIME service the app, the CLI and the dev server share: reads a received message into a
 * verdict (collecting a valid signer's certificate into the keystore), and composes outgoing mail
 * signed with the user's identity and encrypted to every recipient and the sender.
 * Dependencies come in through the constructor: keystore, clock, revocation, trust roots, engine.
 */
import { KEYSTORE_LOCKED_TO_READ, NO_KEYSTORE_TO_READ } from './keystore-unavailable';
import { X509Certificate } from 'node:crypto';
import { SealmailError } from '../../../shared/errors';
import type { Keystore } from '../keystore/keystore';
import { whyNoSigningIdentity } from '../keystore/why-no-signing-identity';
import type { Clock } from '../ports';
import type { RecipientCapabilities } from './cms/capabilities';
import { certificateFromDer, readCertificates, type SmimeCertificate } from './cms/certificate';
import { decryptEnvelope, type DecryptionKey } from './decrypt-envelope';
import type { Decryptor } from './decryption-port';
import { encryptEntity, type EncryptionRecipient } from './encrypt-entity';
import { textEntity, withMessageHeaders } from './mime/compose-entity';
import { protectMessage } from './mime/header-protection';
import { readFrom } from './mime/from-address';
import { parseHeaderFields, splitHeaderAndBody } from './mime/raw-entity';
import { readSecureMessage, type SecureMessage } from './read-secure-message';
import type { RevocationChecker } from './revocation/revocation-checker';
import { signEntity } from './sign-entity';

export interface SmimeServiceOptions {
  keystore: Keystore;
  clock: Clock;
  revocation: RevocationChecker | null;
  /** PEM roots trusted for e-mail besides the user's own authorities (the system roots in the app). */
  systemAnchors?: string[];
}

export interface OutgoingDraft {
  accountId?: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  sign: boolean;
  encrypt: boolean;
}

export interface ProtectOptions {
  accountId: string;
  from: string;
  /** Every recipient (To, Cc and Bcc), each encrypted to. */
  recipients: string[];
  sign: boolean;
  encrypt: boolean;
}

/** Thrown by compose when recipients have no usable certificate: nothing was written. */
export class RecipientsWithoutCertificates extends SealmailError {
  constructor(readonly addresses: string[]) {
    super('INVALID_INPUT', `No certificate is known for ${addresses.join(', ')}; send unencrypted or get a signed message from them first.`);
  }
}

/** Sealmail's own capabilities, used when encrypting to the sender's own certificate. */
const OWN_CAPABILITIES: RecipientCapabilities = { aesGcm: true, rsaOaep: true };

export class SmimeService {
  private readonly anchorCache = new Map<string, SmimeCertificate[]>();

  constructor(private readonly options: SmimeServiceOptions) {}

  /**
   * Reads a message exactly as received and judges it at `at` (default now). A valid signer's
   * certificate is collected into the keystore for the sender's address.
   */
  async read(raw: Buffer, at: Date = this.options.clock.now()): Promise<SecureMessage> {
    const { keystore } = this.options;
    // Without a keystore (none yet, or locked) signatures are still judged against the system
    // roots; encrypted mail then says what to do instead of failing.
    const unavailable = await keystoreUnavailable(keystore);
    const anchors = await this.anchors(unavailable === null);
    // A signature may omit the signer's certificate (RFC 5652 §5.1): the sender's known one may do.
    const sender = readFrom(parseHeaderFields(splitHeaderAndBody(raw).headerBytes)).mailbox?.address;
    const senderCertificate = sender && unavailable === null ? await keystore.encryptionCertificateFor(sender.toLowerCase()) : null;
    const result = await readSecureMessage(raw, {
      anchors,
      knownCertificates: senderCertificate ? [certificateFromDer(senderCertificate.raw)] : [],
      at,
      revocation: this.options.revocation,
      decryptor: unavailable === null ? this.ownKeysDecryptor() : { decrypt: async () => ({ status: 'error', reason: unavailable }) },
    });
    const signature = result.verdict.signature;
    // While locked, the authorities the user added are out of reach: "untrusted" must say so.
    if (unavailable === KEYSTORE_LOCKED_TO_READ && signature.status === 'untrusted') {
      const reason = [signature.reason, UNLOCK_TO_CHECK_AUTHORITIES].filter(Boolean).join(' ');
      return { ...result, verdict: { ...result.verdict, signature: { ...signature, reason } } };
    }
    if (unavailable === null && signature.status === 'valid' && signature.signer?.email && signature.details?.signerCertificatePem) {
      const certificate = new X509Certificate(signature.details.signerCertificatePem);
      const capabilities = signature.details.capabilities ? { ...signature.details.capabilities } : null;
      await keystore.collectSigner(certificate, capabilities, { email: signature.signer.email, seenAt: this.options.clock.now() });
    }
    return result;
  }

  /**
   * Builds a complete RFC 5322 message: signed first (RFC 8551 §3.5), then encrypted to every
   * recipient and the sender. Throws RecipientsWithoutCertificates, naming them, when encryption
   * is asked for and some recipient has no usable certificate.
   */
  async compose(draft: OutgoingDraft): Promise<Buffer> {
    const plain = withMessageHeaders(textEntity(draft.text), { from: draft.from, to: draft.to, subject: draft.subject, date: this.options.clock.now() });
    const options = { accountId: draft.accountId ?? draft.from, from: draft.from, recipients: draft.to, sign: draft.sign, encrypt: draft.encrypt };
    if (!draft.sign && !draft.encrypt) return plain;
    // The header travels inside too (RFC 9788), as on mail the app sends.
    return protectMessage(plain, draft.encrypt, (entity) => this.protect(entity, options));
  }

  /**
   * Signs and/or encrypts one MIME entity (its own Content-* headers included, 7-bit safe) and
   * returns the protected entity, without message headers: the mail service puts its own around
   * it. Encryption goes to every recipient and the sender. Throws RecipientsWithoutCertificates,
   * naming them, when encryption is asked for and some recipient has no usable certificate.
   */
  async protect(entity: Buffer, options: ProtectOptions): Promise<Buffer> {
    const { keystore, clock } = this.options;
    const identity = options.sign || options.encrypt ? await keystore.identityForAccount(options.accountId, options.from) : null;
    if ((options.sign || options.encrypt) && !identity) {
      // An expired own certificate still decrypts, but never signs: say that rather than "no certificate".
      const expired = await whyNoSigningIdentity(keystore, options.from);
      if (expired) throw new SealmailError('INVALID_INPUT', `${expired.charAt(0).toUpperCase()}${expired.slice(1)}, or send without signing and encryption.`);
      throw new SealmailError('INVALID_INPUT', `You have no certificate for ${options.from}; import one under Certificates, or send without signing and encryption.`);
    }
    let ownCertificate: SmimeCertificate | null = null;
    if (identity) {
      const fingerprint = identity.certificate.fingerprint256;
      const [leaf, ...chain] = (await keystore.certificateChain(fingerprint)).map((x509) => certificateFromDer(x509.raw));
      ownCertificate = leaf ?? null;
      if (options.sign && leaf) entity = signEntity(entity, { key: await keystore.privateKeyFor(fingerprint), certificate: leaf, chain }, clock);
    }
    if (options.encrypt && ownCertificate) {
      const recipients: EncryptionRecipient[] = [{ certificate: ownCertificate, capabilities: OWN_CAPABILITIES }];
      const missing: string[] = [];
      for (const address of options.recipients) {
        // The sender is already a recipient, with their own certificate.
        if (address.toLowerCase() === options.from.toLowerCase()) continue;
        const found = await this.recipient(address);
        if (found) recipients.push(found);
        else missing.push(address);
      }
      if (missing.length > 0) throw new RecipientsWithoutCertificates(missing);
      entity = encryptEntity(entity, recipients).entity;
    }
    return entity;
  }

  private async recipient(address: string): Promise<EncryptionRecipient | null> {
    const { keystore } = this.options;
    const x509 = await keystore.encryptionCertificateFor(address.toLowerCase());
    if (!x509) return null;
    const person = await keystore.personFor(address.toLowerCase());
    const known = person?.certificates.find((c) => c.certificate.fingerprint256 === x509.fingerprint256);
    const caps = known?.capabilities ?? null;
    return { certificate: certificateFromDer(x509.raw), capabilities: caps ? { aesGcm: caps.aesGcm === true, rsaOaep: caps.rsaOaep === true } : null };
  }

  /** Decrypts with the user's own keys; with none imported yet, says to import one rather than "not a recipient". */
  private ownKeysDecryptor(): Decryptor {
    return {
      decrypt: async (der) => {
        const keys = await this.decryptionKeys();
        return keys.length === 0 ? { status: 'error', reason: NO_KEYSTORE_TO_READ } : decryptEnvelope(der, keys);
      },
    };
  }

  private async decryptionKeys(): Promise<DecryptionKey[]> {
    const { keystore } = this.options;
    const keys: DecryptionKey[] = [];
    for (const identity of await keystore.identities()) {
      const fingerprint = identity.certificate.fingerprint256;
      const [leaf] = await keystore.certificateChain(fingerprint);
      if (leaf) keys.push({ certificate: certificateFromDer(leaf.raw), key: await keystore.privateKeyFor(fingerprint) });
    }
    return keys;
  }

  private async anchors(withAuthorities: boolean): Promise<SmimeCertificate[]> {
    const pems = [...(this.options.systemAnchors ?? []), ...(withAuthorities ? await this.options.keystore.authorityPems() : [])];
    return pems.flatMap((pem) => {
      let parsed = this.anchorCache.get(pem);
      if (!parsed) {
        try {
          parsed = readCertificates(pem);
        } catch {
          parsed = []; // a root that cannot be read anchors nothing
        }
        this.anchorCache.set(pem, parsed);
      }
      return parsed;
    });
  }
}

export { KEYSTORE_LOCKED_TO_READ, NO_KEYSTORE_TO_READ } from './keystore-unavailable';
/** Added to an untrusted verdict judged while locked: the authorities the user added were not consulted. */
export const UNLOCK_TO_CHECK_AUTHORITIES = 'Your certificates are locked, so the authorities you added were not consulted; unlock them to check again.';

/** Null when the keystore can be used; else the sentence encrypted mail shows instead. */
async function keystoreUnavailable(keystore: Keystore): Promise<string | null> {
  try {
    await keystore.authorityPems();
    return null;
  } catch (error) {
    if (error instanceof SealmailError && error.code === 'KEYSTORE_LOCKED') return KEYSTORE_LOCKED_TO_READ;
    if (error instanceof SealmailError && error.code === 'NOT_FOUND') return NO_KEYSTORE_TO_READ;
    throw error;
  }
}
