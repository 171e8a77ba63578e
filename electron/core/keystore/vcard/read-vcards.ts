/**
 * Reads the e-mail addresses and X.509 certificates out of a contacts file (.vcf): vCard 4.0
 * (RFC 6350) and the 3.0 (RFC 2426) and 2.1 forms older clients still write. Only EMAIL, FN and
 * KEY matter here; everything else is passed over. Never throws: what it cannot use comes back as
 * a reason, worded for the user.
 *
 * KEY forms understood:
 *   KEY:data:application/pkix-cert;base64,MIIB...      (4.0, RFC 6350 §6.8.1 with an RFC 2397 data URI)
 *   KEY;TYPE=x509;ENCODING=b:MIIB...                   (3.0, RFC 2426 §3.7.2)
 *   KEY;ENCODING=BASE64;TYPE=X509:MIIB...  / KEY;X509;ENCODING=BASE64:MIIB...  (2.1)
 *   KEY;TYPE=X509:-----BEGIN CERTIFICATE-----...       (PEM, as a few tools write it)
 */

export interface VcardContact {
  /** FN, else null. */
  name: string | null;
  /** EMAIL values, lower-cased, in order, without duplicates. */
  emails: string[];
  /** The DER of each certificate the card's KEY properties carry (not checked to be certificates). */
  certificates: Buffer[];
  /** Why some KEY properties gave no certificate ("a PGP key, not an S/MIME certificate"). */
  skipped: string[];
}

export interface VcardFile {
  contacts: VcardContact[];
  /** Why parts of the file were passed over (a card cut short, no card at all). */
  skipped: string[];
}

interface ContentLine {
  name: string;
  /** Parameter names upper-cased; a bare 2.1 parameter ("X509") is kept as TYPE=X509. */
  params: Map<string, string[]>;
  value: string;
}

/** More cards than any address book a person imports by hand; beyond it the file is not read further. */
const MAX_CONTACTS = 10_000;

const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;

export function readVcards(bytes: Uint8Array): VcardFile {
  const text = Buffer.from(bytes).toString('utf8');
  const contacts: VcardContact[] = [];
  const skipped: string[] = [];
  let current: VcardContact | null = null;
  let depth = 0; // 2.1 AGENT may nest a card; only the outer one is read
  // vCard 2.1 writers may continue base64 on unindented lines until a blank one: held until then.
  let pendingKey: ContentLine | null = null;
  const flush = () => {
    if (pendingKey && current) readProperty(current, pendingKey);
    pendingKey = null;
  };
  for (const raw of unfold(text)) {
    if (pendingKey && BASE64_LINE.test(raw)) {
      pendingKey.value += raw;
      continue;
    }
    flush();
    const line = parseContentLine(raw);
    if (!line) continue;
    if (line.name === 'BEGIN' && line.value.trim().toUpperCase() === 'VCARD') {
      depth += 1;
      if (depth === 1) current = { name: null, emails: [], certificates: [], skipped: [] };
      continue;
    }
    if (line.name === 'END' && line.value.trim().toUpperCase() === 'VCARD') {
      if (depth === 1 && current) {
        contacts.push(current);
        if (contacts.length >= MAX_CONTACTS) {
          skipped.push(`the file holds more than ${MAX_CONTACTS} cards; the rest were not read`);
          return { contacts, skipped };
        }
      }
      depth = Math.max(0, depth - 1);
      if (depth === 0) current = null;
      continue;
    }
    if (!current || depth !== 1) continue;
    if (line.name === 'KEY') pendingKey = line;
    else readProperty(current, line);
  }
  flush();
  if (current) skipped.push(`${describe(current)} is cut short (the file ends before END:VCARD), so it was not read`);
  if (contacts.length === 0 && !current) skipped.push('the file holds no vCard (no BEGIN:VCARD … END:VCARD)');
  return { contacts, skipped };
}

/** How a contact is named in reasons: its name and first address, as far as known. */
export function describe(contact: Pick<VcardContact, 'name' | 'emails'>): string {
  const email = contact.emails[0];
  if (contact.name && email) return `${contact.name} <${email}>`;
  return contact.name ?? email ?? 'a contact without name or address';
}

function readProperty(contact: VcardContact, line: ContentLine): void {
  switch (line.name) {
    case 'FN': {
      const name = unescapeText(line.value).trim();
      if (name && contact.name === null) contact.name = name.slice(0, 200);
      return;
    }
    case 'EMAIL': {
      const email = line.value.trim().replace(/^mailto:/i, '').toLowerCase();
      if (email.length > 0 && email.length <= 320 && !contact.emails.includes(email)) contact.emails.push(email);
      return;
    }
    case 'KEY': {
      const read = readKey(line);
      if ('der' in read) contact.certificates.push(read.der);
      else contact.skipped.push(read.reason);
      return;
    }
    default:
      return;
  }
}

function readKey(line: ContentLine): { der: Buffer } | { reason: string } {
  const value = line.value.trim();
  const types = (line.params.get('TYPE') ?? []).map((t) => t.toLowerCase());
  const mediaType = (line.params.get('MEDIATYPE') ?? [])[0]?.toLowerCase() ?? '';
  const encoding = (line.params.get('ENCODING') ?? [])[0]?.toLowerCase() ?? '';
  if (types.some((t) => t.includes('pgp')) || mediaType.includes('pgp')) return { reason: 'a PGP key, not an S/MIME certificate' };

  const dataUri = /^data:([^,]*),/i.exec(value);
  if (dataUri) {
    const [mime = '', ...flags] = dataUri[1]!.split(';').map((part) => part.trim().toLowerCase());
    if (mime.includes('pgp')) return { reason: 'a PGP key, not an S/MIME certificate' };
    if (!flags.includes('base64')) return { reason: 'a KEY whose data is not base64' };
    return decodeBase64(value.slice(dataUri[0].length));
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { reason: 'a KEY that points to a web address; Sealmail does not fetch keys from the network' };
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(value);
  if (pem) return decodeBase64(pem[1]!);
  if (encoding === 'b' || encoding === 'base64') return decodeBase64(value);
  if (types.some((t) => t.includes('x509'))) return decodeBase64(value);
  return { reason: 'a KEY Sealmail cannot read (neither base64 nor a data: URI)' };
}

function decodeBase64(text: string): { der: Buffer } | { reason: string } {
  // Folding leaves spaces inside long values (2.1 writers indent each line of base64).
  const compact = text.replace(/\\n/gi, '').replace(/\s+/g, '');
  if (compact.length === 0) return { reason: 'an empty KEY' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return { reason: 'a KEY whose base64 is broken' };
  return { der: Buffer.from(compact, 'base64') };
}

/** RFC 6350 §3.2: a line break followed by a space or tab continues the previous line. */
function unfold(text: string): string[] {
  const lines: string[] = [];
  for (const physical of text.split(/\r\n|\n|\r/)) {
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && lines.length > 0) lines[lines.length - 1] += physical.slice(1);
    else lines.push(physical);
  }
  return lines;
}

/** RFC 6350 §3.3: [group "."] name *(";" param) ":" value; parameter values may be quoted. */
function parseContentLine(raw: string): ContentLine | null {
  const colon = nameEnd(raw);
  if (colon < 0) return null;
  const head = raw.slice(0, colon);
  const parts = splitParams(head);
  const qualified = parts.shift()!.trim();
  const name = qualified.slice(qualified.lastIndexOf('.') + 1).toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  for (const part of parts) {
    const equals = part.indexOf('=');
    const key = (equals < 0 ? 'TYPE' : part.slice(0, equals)).trim().toUpperCase();
    const values = (equals < 0 ? part : part.slice(equals + 1)).split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: raw.slice(colon + 1) };
}

/** The index of the colon that ends the name and parameters, skipping colons inside quotes. */
function nameEnd(raw: string): number {
  let quoted = false;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

function splitParams(head: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < head.length; i += 1) {
    const c = head[i];
    if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      parts.push(head.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(head.slice(start));
  return parts;
}

function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}
