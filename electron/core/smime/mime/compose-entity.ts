/**
 * Builds the MIME pieces Sealmail signs and encrypts: a text entity that is 7-bit safe (base64
 * bodies never change in transit, so signatures survive), and a complete RFC 5322 message around an
 * entity. Line ends are CRLF throughout.
 */
import { randomBytes } from 'node:crypto';
import { wrapBase64 } from './canonical';

export function textEntity(text: string): Buffer {
  return Buffer.from(
    ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', wrapBase64(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8')), ''].join('\r\n'),
    'latin1',
  );
}

export interface MessageHeaders {
  from: string;
  to: string[];
  subject: string;
  date: Date;
  messageId?: string;
}

/** Puts the message header in front of an entity (whose own header holds its Content-Type). */
export function withMessageHeaders(entity: Buffer, headers: MessageHeaders): Buffer {
  const domain = /@([^>\s]+)/.exec(headers.from)?.[1] ?? 'sealmail.invalid';
  const lines = [
    `From: ${headers.from}`,
    `To: ${headers.to.join(', ')}`,
    `Subject: ${encodeHeaderWord(headers.subject)}`,
    `Date: ${headers.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${headers.messageId ?? `<${randomBytes(12).toString('hex')}@${domain}>`}`,
    'MIME-Version: 1.0',
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'), entity]);
}

/** RFC 2047: non-ASCII subjects as one UTF-8 encoded word (CR and LF removed: no header injection). */
function encodeHeaderWord(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?utf-8?b?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}
