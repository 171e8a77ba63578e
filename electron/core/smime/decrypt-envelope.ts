/**
 * Decryption (RFC 8551 §3.3, RFC 5652 §6.2): finds the RecipientInfo addressed to one of the user's
 * certificates, recovers the content key (RSA PKCS#1 v1.5 with implicit rejection, OAEP, or ECDH
 * with or without ukm) and opens the content (AES-GCM, AES-CBC or 3DES). A message addressed to
 * none of the user's keys says so. Every failure after a match reads the same (no oracle).
 */
import type { KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { matchesIdentifier, type SmimeCertificate } from './cms/certificate';
import { cipherFor, decryptContent, DecryptionFailed } from './cms/content-encryption';
import { parseEnvelope } from './cms/enveloped-data';
import { openKeyAgree } from './cms/key-agreement';
import { openKeyTrans } from './cms/key-transport';
import type { DecryptOutcome, Decryptor } from './decryption-port';

export interface DecryptionKey {
  certificate: SmimeCertificate;
  key: KeyObject;
}

/** A Decryptor over the user's own keys (from the keystore, or given directly in tests). */
export function keyDecryptor(keys: () => Promise<DecryptionKey[]> | DecryptionKey[]): Decryptor {
  return { decrypt: async (der) => decryptEnvelope(der, await keys()) };
}

export function decryptEnvelope(der: Buffer, keys: DecryptionKey[]): DecryptOutcome {
  let algorithm: string | undefined;
  try {
    const envelope = parseEnvelope(der);
    const cipher = cipherFor(envelope.contentAlgorithm);
    algorithm = cipher.name;
    if (envelope.authenticated && cipher.mode !== 'gcm') return { status: 'error', reason: 'The authenticated message uses a cipher without authentication.', algorithm };
    if (!envelope.authenticated && cipher.mode === 'gcm') return { status: 'error', reason: 'The message uses GCM outside AuthEnvelopedData, without its tag.', algorithm };
    const match = findRecipient(envelope.recipientInfos, keys);
    if (!match) {
      return { status: 'not-a-recipient', reason: 'This message was not encrypted to any of your certificates, so Sealmail cannot open it.' };
    }
    const contentKey = match.open(cipher.keyLength);
    const content = decryptContent(envelope.contentAlgorithm, contentKey, envelope.ciphertext, envelope.mac, envelope.authAttrsDer);
    return { status: 'decrypted', content, algorithm: cipher.name, integrityProtected: cipher.mode === 'gcm' };
  } catch (error) {
    const reason = error instanceof DecryptionFailed ? `${capitalise(error.message)}.` : `The encrypted part could not be read: ${(error as Error).message}.`;
    return algorithm ? { status: 'error', reason, algorithm } : { status: 'error', reason };
  }
}

function findRecipient(infos: pkijs.RecipientInfo[], keys: DecryptionKey[]): { open(keyLength: number): Buffer } | null {
  for (const info of infos) {
    const value = info.value;
    if (value instanceof pkijs.KeyTransRecipientInfo) {
      const key = keys.find((k) => matchesIdentifier(k.certificate, value.rid) && k.key.asymmetricKeyType === 'rsa');
      if (key) return { open: (keyLength) => openKeyTrans(value, key.key, keyLength) };
    } else if (value instanceof pkijs.KeyAgreeRecipientInfo) {
      for (const encryptedKey of value.recipientEncryptedKeys.encryptedKeys) {
        const key = keys.find((k) => matchesIdentifier(k.certificate, encryptedKey.rid.value) && k.key.asymmetricKeyType === 'ec');
        if (key) return { open: () => openKeyAgree(value, encryptedKey, key.key) };
      }
    }
  }
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
