/**
 * Whether a message can be signed and encrypted as the composer's Sign and Encrypt buttons ask:
 * the account's own certificate, and a certificate for every recipient. The composer refuses to
 * send and asks the user when something is missing; nothing falls back to plaintext by itself.
 */
import type { CertificateKnown, ComposeReadiness } from '../../../shared/compose-types';
import type { Keystore } from '../keystore/keystore';
import { whyNoSigningIdentity } from '../keystore/why-no-signing-identity';
import type { AccountPort } from './message-port';

export interface ReadinessOptions {
  /** The keystore, once there is one; without it no certificate is known. */
  keystore?: Pick<Keystore, 'identityForAccount' | 'encryptionCertificateFor'> & Partial<Pick<Keystore, 'identities'>>;
  /** Whether sending can sign and encrypt at all (the S/MIME service is wired into sending). */
  canProtect: boolean;
}

const NOT_IN_BUILD = 'this build of Sealmail cannot sign or encrypt mail yet.';

export class ComposeReadinessService {
  constructor(
    private readonly accounts: AccountPort,
    private readonly options: ReadinessOptions,
  ) {}

  /** What stands between this draft and a signed, encrypted send, recipient by recipient. */
  async check(accountId: string, recipients: readonly string[]): Promise<ComposeReadiness> {
    const account = await this.accounts.get(accountId);
    const { keystore, canProtect } = this.options;
    const certificates = await Promise.all(recipients.map(async (address) => ({ address, certificate: await this.known(address) })));

    if (!canProtect || !keystore) {
      return { sign: { available: false, reason: NOT_IN_BUILD }, encrypt: { available: false, reason: NOT_IN_BUILD }, recipients: certificates };
    }
    let identity = false;
    let reason: string | null = null;
    try {
      identity = (await keystore.identityForAccount(account.id, account.address)) !== null;
      // An expired certificate is no identity to sign with; say so rather than "no certificate".
      const expired = identity ? null : await whyNoSigningIdentity(keystore, account.address);
      if (!identity) reason = expired ? `${expired}.` : `you have no certificate for ${account.address}; import one under Certificates.`;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'NOT_FOUND') reason = `you have no certificate for ${account.address} yet; import one under Certificates.`;
      else if (code === 'KEYSTORE_LOCKED') reason = 'your certificates are locked; unlock them under Certificates.';
      else reason = `your certificates are not available (${(error as Error).message}).`;
    }
    return {
      sign: { available: identity, reason },
      // Encrypting also encrypts to oneself, so the sent copy stays readable: it needs one's own certificate.
      encrypt: { available: identity, reason },
      recipients: certificates,
    };
  }

  private async known(address: string): Promise<CertificateKnown> {
    const keystore = this.options.keystore;
    if (!keystore) return 'unknown';
    try {
      return (await keystore.encryptionCertificateFor(address.toLowerCase())) ? 'known' : 'missing';
    } catch {
      return 'unknown';
    }
  }
}
