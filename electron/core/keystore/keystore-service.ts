/**
 * The keystore service: the user's identities (certificate chain + private key), people and
 * authorities, kept in the sealed keystore file. It answers the certificate manager's calls and
 * implements the Keystore interface the S/MIME service uses. Private keys stay in this process.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { MAX_CONTACTS_FILE_BYTES } from '../../../shared/calls/keystore-calls';
import { renewalNotice, signingRefusal, type AuthoritySummary, type CertificateView, type ContactImportOutcome, type IdentitySummary, type ImportOutcome, type KeystoreOverview, type PersonSummary } from '../../../shared/certificates';
import { SealmailError } from '../../../shared/errors';
import { systemClock, type Clock } from '../ports';
import { describeCertificate } from './describe-certificate';
import type { CollectContext, CollectOutcome, Keystore, SignerCapabilities } from './keystore';
import type { IdentityRecord, KeystoreData } from './keystore-data';
import { KeystoreVault, type KeystoreStatus, type VaultOptions } from './keystore-vault';
import { addPersonCertificate, normaliseEmail, summarisePerson } from './people';
import { readCertificateFile } from './read-certificate-file';
import { planContactImport } from './vcard/plan-contact-import';

export const KEYSTORE_FILE_NAME = 'keystore.json';

export interface KeystoreServiceOptions extends VaultOptions {
  clock?: Clock;
}

export class KeystoreService implements Keystore {
  private readonly vault: KeystoreVault;
  private readonly clock: Clock;

  constructor(options: KeystoreServiceOptions) {
    this.vault = new KeystoreVault(options);
    this.clock = options.clock ?? systemClock;
  }

  /** Whether the keystore exists and is unlocked, and what protects it. */
  status(): Promise<KeystoreStatus> {
    return this.vault.status();
  }

  /** Creates an empty keystore under `passphrase` (or the OS keychain). */
  async create(passphrase?: string): Promise<KeystoreStatus> {
    await this.vault.create(passphrase);
    return this.vault.status();
  }

  /** Opens the keystore; a wrong passphrase throws WRONG_PASSWORD and changes nothing. */
  async unlock(passphrase?: string): Promise<KeystoreStatus> {
    await this.vault.unlock(passphrase);
    return this.vault.status();
  }

  /** Everything the certificate manager lists. */
  async overview(): Promise<KeystoreOverview> {
    const data = await this.vault.read();
    const now = this.clock.now();
    return {
      identities: data.identities.map((record) => this.summariseIdentity(record, now)),
      people: data.people.map((person) => summarisePerson(person, now)),
      authorities: data.authorities.map((a) => ({ certificate: this.view(a.der, now), addedAt: a.addedAt })),
      accountIdentities: { ...data.accountIdentities },
    };
  }

  /**
   * Imports the identities (certificate + matching private key, with the chain) of a PKCS#12 file.
   * A file with certificates only is not refused outright: the outcome lists them for the user to
   * add as people or authorities. Expired or non-e-mail certificates are imported with warnings.
   * @throws SealmailError WRONG_PASSWORD ('wrong password for alice.p12'), INVALID_INPUT; nothing stored then
   */
  async importIdentity(fileName: string, bytes: Uint8Array, password: string): Promise<ImportOutcome> {
    await this.vault.read(); // refuse while locked before the (slow) file work
    const contents = readCertificateFile(fileName, bytes, password);
    const now = this.clock.now();
    if (contents.keys.length === 0) {
      return {
        kind: 'certificates-only',
        certificates: contents.certificates.map((c) => describeCertificate(c, now)),
        message: `${fileName} holds certificates but no private key. You can add them as people or as authorities instead.`,
      };
    }
    const records: IdentityRecord[] = contents.keys.map((key) => {
      const leaf = contents.certificates.find((c) => !c.ca && c.checkPrivateKey(key)) ?? contents.certificates.find((c) => c.checkPrivateKey(key));
      if (!leaf) throw new SealmailError('INVALID_INPUT', `${fileName} holds a private key but not its certificate.`);
      return {
        certificate: leaf.raw.toString('base64'),
        chain: chainFor(leaf, contents.certificates).map((c) => c.raw.toString('base64')),
        privateKey: key.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        importedAt: now.toISOString(),
        sourceFile: fileName,
      };
    });
    const data = await this.vault.read();
    const fresh = records.filter((r) => !data.identities.some((known) => known.certificate === r.certificate));
    if (fresh.length > 0) await this.vault.mutate((draft) => draft.identities.push(...fresh));
    return { kind: 'identities', identities: records.map((r) => this.summariseIdentity(r, now)), alreadyPresent: records.length - fresh.length };
  }

  /** The certificates in a file, described, without storing anything (for confirmations). */
  async inspect(fileName: string, bytes: Uint8Array, password: string): Promise<CertificateView[]> {
    const now = this.clock.now();
    return readCertificateFile(fileName, bytes, password).certificates.map((c) => describeCertificate(c, now));
  }

  /** Adds a file's end-entity certificates as people the user imported, under each address they carry. */
  async addPeople(fileName: string, bytes: Uint8Array, password: string): Promise<PersonSummary[]> {
    const leaves = readCertificateFile(fileName, bytes, password).certificates.filter((c) => !c.ca);
    const now = this.clock.now();
    const withAddress = leaves.filter((c) => describeCertificate(c, now).emails.length > 0);
    if (withAddress.length === 0) throw new SealmailError('INVALID_INPUT', `${fileName} holds no certificate for an e-mail address.`);
    const emails = await this.vault.mutate((draft) => {
      const touched = new Set<string>();
      for (const certificate of withAddress) {
        for (const email of describeCertificate(certificate, now).emails) {
          addPersonCertificate(draft, email, certificate.raw, 'imported', now);
          touched.add(email);
        }
      }
      return [...touched];
    });
    const data = await this.vault.read();
    return data.people.filter((p) => emails.includes(p.email)).map((p) => summarisePerson(p, now));
  }

  /**
   * Adds the certificates of a contacts file (.vcf) as people, source 'vcard', under the rules of
   * harvesting: each only for the card's addresses it names itself, never displacing a certificate
   * the user imported or confirmed (a different one is kept beside it and flagged as a change).
   * Refused certificates and cards come back with reasons; a file with nothing usable changes nothing.
   * @throws SealmailError INVALID_INPUT for a file over 1 MB, KEYSTORE_LOCKED
   */
  async importContacts(fileName: string, vcf: Uint8Array): Promise<ContactImportOutcome> {
    await this.vault.read(); // refuse while locked
    if (vcf.byteLength > MAX_CONTACTS_FILE_BYTES) throw new SealmailError('INVALID_INPUT', `${fileName} is over 1 MB, too large for a contacts file Sealmail reads.`);
    const now = this.clock.now();
    const plan = planContactImport(vcf, now);
    if (plan.accepted.length === 0) return { added: [], refused: plan.refused };
    const emails = await this.vault.mutate((draft) => {
      for (const { email, der } of plan.accepted) addPersonCertificate(draft, email, der, 'vcard', now);
      return [...new Set(plan.accepted.map((a) => a.email))];
    });
    const data = await this.vault.read();
    return { added: data.people.filter((p) => emails.includes(p.email)).map((p) => summarisePerson(p, now)), refused: plan.refused };
  }

  /**
   * Adds a CA certificate as a trust anchor once the user confirmed its fingerprint.
   * @throws SealmailError INVALID_INPUT when the file holds no CA certificate with that fingerprint
   */
  async addAuthority(fileName: string, bytes: Uint8Array, password: string, confirmedFingerprint256: string): Promise<AuthoritySummary> {
    const certificates = readCertificateFile(fileName, bytes, password).certificates;
    const wanted = normaliseFingerprint(confirmedFingerprint256);
    const certificate = certificates.find((c) => c.fingerprint256 === wanted);
    if (!certificate) throw new SealmailError('INVALID_INPUT', `${fileName} holds no certificate with the fingerprint you confirmed.`);
    if (!certificate.ca) throw new SealmailError('INVALID_INPUT', `${certificate.subject.split('\n').join(', ')} is not a certificate authority; add it under People instead.`);
    const now = this.clock.now();
    const der = certificate.raw.toString('base64');
    const data = await this.vault.read();
    const known = data.authorities.find((a) => a.der === der);
    if (known) return { certificate: describeCertificate(certificate, now), addedAt: known.addedAt };
    const record = { der, addedAt: now.toISOString() };
    await this.vault.mutate((draft) => draft.authorities.push(record));
    return { certificate: describeCertificate(certificate, now), addedAt: record.addedAt };
  }

  async removeAuthority(fingerprint256: string): Promise<void> {
    const wanted = normaliseFingerprint(fingerprint256);
    await this.vault.mutate((draft) => {
      const index = draft.authorities.findIndex((a) => fingerprintOf(a.der) === wanted);
      if (index < 0) throw notFound();
      draft.authorities.splice(index, 1);
    });
  }

  /** Removes an identity and its private key for good (the UI asks first). */
  async removeIdentity(fingerprint256: string): Promise<void> {
    const wanted = normaliseFingerprint(fingerprint256);
    await this.vault.mutate((draft) => {
      const index = draft.identities.findIndex((i) => fingerprintOf(i.certificate) === wanted);
      if (index < 0) throw notFound();
      draft.identities.splice(index, 1);
      for (const [account, chosen] of Object.entries(draft.accountIdentities)) if (chosen === wanted) delete draft.accountIdentities[account];
    });
  }

  /** The public certificate (and chain) of an identity or person, as PEM, to hand to others. */
  async exportCertificate(fingerprint256: string): Promise<{ fileName: string; pem: string }> {
    const wanted = normaliseFingerprint(fingerprint256);
    const data = await this.vault.read();
    const identity = data.identities.find((i) => fingerprintOf(i.certificate) === wanted);
    const ders = identity
      ? [identity.certificate, ...identity.chain]
      : [...data.people.flatMap((p) => p.certificates.map((c) => c.der)), ...data.authorities.map((a) => a.der)].filter((der) => fingerprintOf(der) === wanted).slice(0, 1);
    if (ders.length === 0) throw notFound();
    const leaf = new X509Certificate(Buffer.from(ders[0]!, 'base64'));
    const name = describeCertificate(leaf, this.clock.now()).emails[0] ?? 'certificate';
    return { fileName: `${name.replace(/[^A-Za-z0-9@._-]/g, '_')}.pem`, pem: ders.map(toPem).join('') };
  }

  /** Chooses the identity an account signs with (null: the automatic choice by address). */
  async chooseAccountIdentity(accountId: string, fingerprint256: string | null): Promise<void> {
    const wanted = fingerprint256 === null ? null : normaliseFingerprint(fingerprint256);
    await this.vault.mutate((draft) => {
      if (wanted === null) {
        delete draft.accountIdentities[accountId];
        return;
      }
      if (!draft.identities.some((i) => fingerprintOf(i.certificate) === wanted)) throw notFound();
      draft.accountIdentities[accountId] = wanted;
    });
  }

  /** The user vouches for a correspondent's certificate: it becomes 'confirmed' and the change notice goes. */
  async confirmPersonCertificate(email: string, fingerprint256: string): Promise<PersonSummary> {
    const address = normaliseEmail(email);
    const wanted = normaliseFingerprint(fingerprint256);
    await this.vault.mutate((draft) => {
      const entry = personCertificate(draft, address, wanted);
      entry.record.source = 'confirmed';
      if (entry.person.changed?.fingerprint256 === wanted) entry.person.changed = null;
    });
    return (await this.personFor(address))!;
  }

  async removePersonCertificate(email: string, fingerprint256: string): Promise<void> {
    const address = normaliseEmail(email);
    const wanted = normaliseFingerprint(fingerprint256);
    await this.vault.mutate((draft) => {
      const entry = personCertificate(draft, address, wanted);
      entry.person.certificates.splice(entry.person.certificates.indexOf(entry.record), 1);
      if (entry.person.changed?.fingerprint256 === wanted) entry.person.changed = null;
      if (entry.person.certificates.length === 0) draft.people.splice(draft.people.indexOf(entry.person), 1);
    });
  }

  // --- The Keystore interface (S/MIME) ---

  async identities(): Promise<IdentitySummary[]> {
    return (await this.overview()).identities;
  }

  /**
   * The identity an account signs with now: the one chosen for it, else the newest valid one for the
   * address. An expired or not yet valid certificate is never returned (the chosen one then gives way
   * to the automatic choice, so a renewed certificate takes over); it still decrypts, through
   * identities() and privateKeyFor().
   */
  async identityForAccount(accountId: string, address: string): Promise<IdentitySummary | null> {
    const data = await this.vault.read();
    const now = this.clock.now();
    const all = data.identities.map((record) => this.summariseIdentity(record, now)).filter((i) => signingRefusal(i.certificate) === null);
    const chosen = data.accountIdentities[accountId];
    if (chosen) {
      const found = all.find((i) => i.certificate.fingerprint256 === chosen);
      if (found) return found;
    }
    const wanted = normaliseEmail(address);
    return (
      all
        .filter((i) => i.certificate.emails.includes(wanted) && i.certificate.warnings.length === 0)
        .sort((a, b) => b.certificate.notBefore.localeCompare(a.certificate.notBefore))[0] ?? null
    );
  }

  async privateKeyFor(fingerprint256: string): Promise<KeyObject> {
    const record = await this.identityRecord(fingerprint256);
    return createPrivateKey({ key: Buffer.from(record.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  }

  async certificateChain(fingerprint256: string): Promise<X509Certificate[]> {
    const record = await this.identityRecord(fingerprint256);
    return [record.certificate, ...record.chain].map((der) => new X509Certificate(Buffer.from(der, 'base64')));
  }

  async personFor(email: string): Promise<PersonSummary | null> {
    const data = await this.vault.read();
    const person = data.people.find((p) => p.email === normaliseEmail(email));
    return person ? summarisePerson(person, this.clock.now()) : null;
  }

  async encryptionCertificateFor(email: string): Promise<X509Certificate | null> {
    const data = await this.vault.read();
    const person = data.people.find((p) => p.email === normaliseEmail(email));
    if (!person) return null;
    const chosen = summarisePerson(person, this.clock.now()).encryptionFingerprint256;
    const record = person.certificates.find((c) => fingerprintOf(c.der) === chosen);
    return record ? new X509Certificate(Buffer.from(record.der, 'base64')) : null;
  }

  async collectSigner(certificate: X509Certificate, capabilities: SignerCapabilities | null, context: CollectContext): Promise<CollectOutcome> {
    const now = context.seenAt ?? this.clock.now();
    const email = normaliseEmail(context.email);
    const result = await this.vault.mutate((draft) => addPersonCertificate(draft, email, certificate.raw, 'collected', now, capabilities));
    return { result, person: (await this.personFor(email))! };
  }

  /**
   * Stores a certificate found for `email` in the account's directory or by SMIMEA, under the
   * harvesting rules: it never displaces one the user imported or confirmed, and a different one
   * beside a known certificate is shown as a change. The finder checked it names `email`.
   */
  async addFoundCertificate(email: string, der: Buffer, source: 'directory' | 'dns'): Promise<CollectOutcome['result']> {
    const address = normaliseEmail(email);
    return this.vault.mutate((draft) => addPersonCertificate(draft, address, der, source, this.clock.now()));
  }

  async authorityPems(): Promise<string[]> {
    const data = await this.vault.read();
    return data.authorities.map((a) => toPem(a.der));
  }

  private async identityRecord(fingerprint256: string): Promise<IdentityRecord> {
    const wanted = normaliseFingerprint(fingerprint256);
    const record = (await this.vault.read()).identities.find((i) => fingerprintOf(i.certificate) === wanted);
    if (!record) throw notFound();
    return record;
  }

  private summariseIdentity(record: IdentityRecord, now: Date): IdentitySummary {
    const certificate = this.view(record.certificate, now);
    return {
      certificate,
      chain: record.chain.map((der) => this.view(der, now)),
      importedAt: record.importedAt,
      sourceFile: record.sourceFile,
      renewal: renewalNotice(certificate, now),
    };
  }

  private view(der: string, now: Date): CertificateView {
    return describeCertificate(new X509Certificate(Buffer.from(der, 'base64')), now);
  }
}

/** Orders the file's other certificates from the leaf's issuer upwards; unrelated ones are left out. */
function chainFor(leaf: X509Certificate, all: X509Certificate[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current = leaf;
  while (chain.length < all.length) {
    const issuer = all.find((c) => c !== current && !chain.includes(c) && c.ca && current.checkIssued(c));
    if (!issuer || issuer === leaf) break;
    chain.push(issuer);
    if (issuer.checkIssued(issuer)) break; // reached a root
    current = issuer;
  }
  return chain;
}

function personCertificate(data: KeystoreData, email: string, fingerprint256: string) {
  const person = data.people.find((p) => p.email === email);
  const record = person?.certificates.find((c) => fingerprintOf(c.der) === fingerprint256);
  if (!person || !record) throw notFound();
  return { person, record };
}

function fingerprintOf(der: string): string {
  return new X509Certificate(Buffer.from(der, 'base64')).fingerprint256;
}

/** Accepts fingerprints with or without colons, any case. */
export function normaliseFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

function toPem(der: string): string {
  return `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function notFound(): SealmailError {
  return new SealmailError('NOT_FOUND', 'That certificate is no longer in your keystore.');
}
