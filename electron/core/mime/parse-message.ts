/**
 * Turns a message's raw bytes into what the message view shows. A message that cannot be parsed is
 * shown as its raw text with a notice, never an error page: mail is often broken, and the user
 * still wants to read it.
 */
import type { AddressObject, ParsedMail } from 'mailparser';
import type { MailAddress, MessageView } from '../../../shared/domain';
import { inlineImageResolver } from './inline-images';
import type { HtmlSanitiser } from './sanitize-html';

/** Beyond this, the raw text shown for a broken message is cut, so a huge blob cannot freeze the view. */
const RAW_PREVIEW_LIMIT = 256 * 1024;

export interface MessageLocation {
  uid: number;
  folder: string;
}

export async function parseMessage(raw: Buffer, where: MessageLocation, sanitiser: HtmlSanitiser): Promise<MessageView> {
  let parsed: ParsedMail;
  try {
    // mailparser, loaded on first use, not at start (see create-core.ts).
    const { simpleParser } = await import('mailparser');
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    return unreadable(raw, where, (error as Error).message);
  }

  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? sanitiser.sanitise(parsed.html, { resolveImage: inlineImageResolver(parsed.attachments) }) : null;
  const text = parsed.text ?? '';
  const structureProblem = describeStructureProblem(raw, parsed);
  if (structureProblem && !text && !html) return unreadable(raw, where, structureProblem);

  return {
    ...where,
    subject: parsed.subject ?? '',
    from: firstAddress(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: (parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : new Date(0)).toISOString(),
    messageId: parsed.messageId ?? null,
    text,
    html: html?.html ?? null,
    remoteContentBlocked: html?.remoteContentBlocked ?? false,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? 'unnamed',
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    parseError: structureProblem,
  };
}

function unreadable(raw: Buffer, where: MessageLocation, reason: string): MessageView {
  const source = raw.subarray(0, RAW_PREVIEW_LIMIT).toString('utf8');
  return {
    ...where,
    subject: '',
    from: null,
    to: [],
    cc: [],
    date: new Date(0).toISOString(),
    messageId: null,
    text: raw.length > RAW_PREVIEW_LIMIT ? `${source}\n[… ${raw.length - RAW_PREVIEW_LIMIT} more bytes not shown]` : source,
    html: null,
    remoteContentBlocked: false,
    attachments: [],
    parseError: reason,
  };
}

/**
 * mailparser accepts almost anything; this catches the breakage it papers over, such as a multipart
 * whose boundary never appears, where the user would otherwise see an empty message.
 */
function describeStructureProblem(raw: Buffer, parsed: ParsedMail): string | null {
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (!contentType?.value?.toLowerCase().startsWith('multipart/')) return null;
  const boundary = contentType.params?.boundary;
  if (!boundary) return 'it says it has several parts but does not say where they begin';
  if (!raw.includes(`--${boundary}`)) return 'its parts are missing: the boundary it declares never appears';
  return null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value).flatMap(function flatten(entry): MailAddress[] {
    if (entry.group) return entry.group.flatMap(flatten);
    return entry.address ? [{ name: entry.name ?? '', address: entry.address }] : [];
  });
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addresses(field)[0] ?? null;
}
