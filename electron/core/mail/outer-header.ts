/**
 * The header fields the message view takes from the outer message of signed or encrypted mail
 * (From, To, Subject, Date, Message-ID), read from its header alone: the body shown is the signed
 * or decrypted part, parsed and sanitised once on its own, so the outer body is never parsed.
 */
import type { MessageView } from '../../../shared/domain';
import { addressesOf } from '../compose/parse-raw';
import type { MessageLocation } from '../mime/parse-message';
import { splitHeaderAndBody } from '../smime/mime/raw-entity';

export type OuterHeader = Pick<MessageView, 'uid' | 'folder' | 'subject' | 'from' | 'to' | 'cc' | 'date' | 'messageId'>;

const END_OF_HEADER = Buffer.from('\r\n');

/** Reads `raw`'s header with mailparser, as the full parse would, over an empty body. */
export async function readOuterHeader(raw: Buffer, where: MessageLocation): Promise<OuterHeader> {
  const blank: OuterHeader = { ...where, subject: '', from: null, to: [], cc: [], date: new Date(0).toISOString(), messageId: null };
  let parsed;
  try {
    // mailparser, loaded on first use, not at start (see create-core.ts).
    const { simpleParser } = await import('mailparser');
    parsed = await simpleParser(Buffer.concat([splitHeaderAndBody(raw).headerBytes, END_OF_HEADER]), { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch {
    // As for a message that cannot be parsed at all: no header is shown rather than a guessed one.
    return blank;
  }
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
  return {
    ...blank,
    subject: parsed.subject ?? '',
    from: addressesOf(parsed.from)[0] ?? null,
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    date: date ? date.toISOString() : blank.date,
    messageId: parsed.messageId ?? null,
  };
}
