/**
 * Turns the core's S/MIME verdict into the badges the message view shows: each with a word (which
 * starts its accessible name, so screen readers announce it first), a tone (its colour), an icon
 * and a short detail. Pure, so every verdict's wording is tested in one place.
 */
import { VALIDATION_LABELS } from '../../shared/certificates';
import type { SignatureVerdict, SmimeVerdict, ValidationLevel } from '../../shared/smime-types';

export type BadgeTone = 'good' | 'danger' | 'warning' | 'info' | 'neutral';
export type BadgeIcon = 'signature' | 'alert' | 'lock' | 'unlock' | 'shield';

export interface SecurityBadge {
  kind: 'signature' | 'encryption';
  /** The word: the first thing seen and heard. */
  word: string;
  /** What follows the word, e.g. 'address verified · Bob <bob@example.test>'. */
  detail: string | null;
  tone: BadgeTone;
  icon: BadgeIcon;
}

/** The signature badge (always, 'Not signed' included) and, for encrypted mail, the encryption badge. */
export function securityBadges(verdict: SmimeVerdict): SecurityBadge[] {
  const badges: SecurityBadge[] = [signatureBadge(verdict.signature)];
  const encryption = verdict.encryption;
  if (encryption.status === 'decrypted') {
    badges.push({
      kind: 'encryption',
      word: 'Encrypted',
      detail: encryption.integrityProtected ? 'decrypted for you' : 'decrypted, but not protected against tampering',
      tone: encryption.integrityProtected ? 'good' : 'warning',
      icon: 'lock',
    });
  } else if (encryption.status === 'not-a-recipient') {
    badges.push({ kind: 'encryption', word: 'Encrypted', detail: 'not to any of your certificates', tone: 'warning', icon: 'lock' });
  } else if (encryption.status === 'error') {
    badges.push({ kind: 'encryption', word: 'Encrypted', detail: 'could not be opened', tone: 'warning', icon: 'lock' });
  }
  return badges;
}

function signatureBadge(signature: SignatureVerdict): SecurityBadge {
  const who = signerLabel(signature);
  const badge = (word: string, tone: BadgeTone, icon: BadgeIcon, detail: string | null = who): SecurityBadge => ({ kind: 'signature', word, detail, tone, icon });
  switch (signature.status) {
    case 'valid':
      return badge('Signed', 'good', 'signature', [identityLevel(signature), who].filter(Boolean).join(' · '));
    case 'invalid':
      return badge('Signature invalid', 'danger', 'alert', 'the message was changed after it was signed, or the signature is malformed');
    case 'untrusted':
      return badge('Untrusted', 'warning', 'alert');
    case 'expired':
      return badge('Expired', 'warning', 'alert');
    case 'revoked':
      return badge('Revoked', 'danger', 'alert');
    case 'address-mismatch':
      return badge('Signer is not the sender', 'danger', 'alert');
    case 'misleading-name':
      // The name is what a person reads first; the detail says whose signature it really is.
      return badge('Misleading name', 'danger', 'alert', `the name shown is another address${who ? `; signed by ${who}` : ''}`);
    case 'weak':
      return badge('Weak algorithm', 'warning', 'alert');
    case 'partial':
      return badge('Partly signed', 'warning', 'alert', 'only a part of this message is signed, not the message as a whole');
    case 'error':
      return badge('Signature not checked', 'warning', 'alert', signature.reason);
    case 'none':
      return badge('Not signed', 'neutral', 'signature', null);
  }
}

/**
 * The signer certificate's validation level as the core decided it (electron/core/keystore/
 * validation-level.ts), never guessed from the subject here; without one, the lesser claim.
 */
function identityLevel(signature: SignatureVerdict): string {
  const level = signature.details?.chain[0]?.validation ?? 'address-verified';
  return VALIDATION_LABELS[level].toLowerCase();
}

function signerLabel(signature: SignatureVerdict): string | null {
  const signer = signature.signer;
  if (!signer) return null;
  if (signer.name && signer.email && signer.name !== signer.email) return `${signer.name} <${signer.email}>`;
  return signer.email ?? (signer.name || null);
}

/** The accessible name: the word first, then the detail. */
export function badgeLabel(badge: SecurityBadge): string {
  return badge.detail ? `${badge.word}: ${badge.detail}` : badge.word;
}

export const VALIDATION_WORDS: Record<ValidationLevel, string> = {
  trusted: 'Trusted chain, revocation checked',
  'trusted-revocation-unknown': 'Trusted chain; revocation could not be checked',
  untrusted: 'Not trusted: the chain does not reach an authority you trust',
  expired: 'Expired certificate',
  revoked: 'Revoked certificate',
};

export const REVOCATION_WORDS = {
  good: 'Not revoked (checked)',
  revoked: 'Revoked',
  'could-not-check': 'Could not check (no answer from the CRL or OCSP server)',
  'not-checked': 'Not checked (the certificate names no CRL or OCSP server)',
} as const;
