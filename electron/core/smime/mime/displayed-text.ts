/**
 * The text a person would see in an entity: its first inline text/plain part (text/plain preferred
 * in multipart/alternative), else its HTML reduced to text. Attachments are not text to read.
 */
import { decodeBody } from './transfer-encoding';
import { headerValue, type RawEntity } from './raw-entity';

const MAX_TEXT = 1024 * 1024;

export function displayedText(entity: RawEntity): string {
  const plain = findPart(entity, 'text/plain');
  if (plain) return decodeText(plain);
  const html = findPart(entity, 'text/html');
  if (html) return htmlToText(decodeText(html));
  return '';
}

function findPart(entity: RawEntity, mediaType: string): RawEntity | null {
  if (isAttachment(entity)) return null;
  if (entity.mediaType === mediaType) return entity;
  for (const part of entity.parts) {
    const found = findPart(part, mediaType);
    if (found) return found;
  }
  return null;
}

function isAttachment(entity: RawEntity): boolean {
  return /^\s*attachment/i.test(headerValue(entity.headers, 'content-disposition') ?? '');
}

function decodeText(entity: RawEntity): string {
  let bytes: Buffer;
  try {
    bytes = decodeBody(entity);
  } catch {
    bytes = entity.body;
  }
  const charset = (entity.params.charset ?? 'utf-8').toLowerCase();
  let text: string;
  try {
    text = new TextDecoder(charset).decode(bytes.subarray(0, MAX_TEXT));
  } catch {
    text = bytes.subarray(0, MAX_TEXT).toString('utf8');
  }
  return text.replace(/\r\n/g, '\n');
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
