/**
 * Parses raw message bytes with the options the message view uses, so attachments come out in the
 * same order as the view lists them.
 */
import type { AddressObject, ParsedMail } from 'mailparser';
import type { MailAddress } from '../../../shared/domain';

export async function parseRaw(raw: Buffer): Promise<ParsedMail> {
  // mailparser, loaded on first use, not at start (see create-core.ts).
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
}

export function addressesOf(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value).flatMap(function flatten(entry): MailAddress[] {
    if (entry.group) return entry.group.flatMap(flatten);
    return entry.address ? [{ name: entry.name ?? '', address: entry.address }] : [];
  });
}

/** Message-IDs from a References or In-Reply-To header, as mailparser gives them (string or list). */
export function messageIds(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return joined.match(/<[^<>\s]+>/g) ?? [];
}

/** The chain a reply continues: the References, or the In-Reply-To when there are none (RFC 5322 §3.6.4). */
export function threadOf(parsed: ParsedMail): string[] {
  const references = messageIds(parsed.references);
  return references.length > 0 ? references : messageIds(parsed.inReplyTo);
}

/** Whether the message is S/MIME or PGP encrypted as it sits on the server. */
export function isEncrypted(parsed: ParsedMail): boolean {
  const type = (parsed.headers.get('content-type') as { value?: string } | undefined)?.value?.toLowerCase() ?? '';
  return type === 'multipart/encrypted' || type === 'application/pkcs7-mime' || type === 'application/x-pkcs7-mime';
}
