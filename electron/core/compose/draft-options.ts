/**
 * The private header that carries a draft's Sign and Encrypt choices (and whether it answers
 * encrypted mail) so a reopened draft starts as it was left. In an encrypted draft it sits inside
 * the encrypted part, with everything else the draft holds.
 */
export const DRAFT_OPTIONS_HEADER = 'X-Sealmail-Draft-Options';

export interface DraftOptions {
  sign: boolean;
  encrypt: boolean;
  /** The draft answers or forwards encrypted mail. */
  originalEncrypted: boolean;
  /** Recipients asked for their certificate, waiting for their signed reply. */
  askedForCertificates: string[];
}

/** What a draft without the header starts with: Sealmail's defaults for every new message. */
export const DEFAULT_DRAFT_OPTIONS: DraftOptions = { sign: true, encrypt: true, originalEncrypted: false, askedForCertificates: [] };

export function formatDraftOptions(options: DraftOptions): string {
  const yes = (value: boolean) => (value ? 'yes' : 'no');
  const asked = options.askedForCertificates.length > 0 ? `; asked=${options.askedForCertificates.join(',')}` : '';
  return `sign=${yes(options.sign)}; encrypt=${yes(options.encrypt)}; original=${options.originalEncrypted ? 'encrypted' : 'plain'}${asked}`;
}

/** Reads the header back; anything missing or unreadable takes its default. */
export function parseDraftOptions(value: string | null | undefined): DraftOptions & { present: boolean } {
  const fields = new Map<string, string>();
  for (const part of (value ?? '').split(';')) {
    const [key, val] = part.split('=').map((s) => s.trim().toLowerCase()) as [string | undefined, string | undefined];
    if (key && val) fields.set(key, val);
  }
  const flag = (key: string, fallback: boolean) => (fields.get(key) === 'yes' ? true : fields.get(key) === 'no' ? false : fallback);
  return {
    present: fields.size > 0,
    sign: flag('sign', DEFAULT_DRAFT_OPTIONS.sign),
    encrypt: flag('encrypt', DEFAULT_DRAFT_OPTIONS.encrypt),
    originalEncrypted: fields.get('original') === 'encrypted',
    // Only what looks like an address: the header is private, but a draft can come from elsewhere.
    askedForCertificates: (fields.get('asked') ?? '').split(',').map((a) => a.trim()).filter((a) => /^[^\s@,;]+@[^\s@,;]+$/.test(a)).slice(0, 100),
  };
}
