/**
 * Builds a reply, reply-all or forward from the message as the reader showed it: recipients,
 * subject, threading headers (RFC 5322 §3.6.4) and the quoted text. Pure, so every rule is testable.
 */
import type { PreparedDraft, ReplyMode } from '../../../shared/compose-types';
import type { MailAddress, MessageView } from '../../../shared/domain';

/** Threading chains longer than this keep their first and last entries, as RFC 5322 allows trimming. */
const MAX_REFERENCES = 20;

export interface ReplySource {
  view: MessageView;
  /** Exactly the text the user saw: the text part, or the visible text of the shown HTML. */
  shownText: string;
  /** The original's Reply-To, which answers go to instead of From when set. */
  replyTo: MailAddress[];
  /** The original's References header, or its In-Reply-To when it had no References. */
  references: string[];
  /** The user's own address, never put among the recipients of a reply-all. */
  self: string;
}

function prefixed(prefix: 'Re' | 'Fwd', subject: string): string {
  const trimmed = subject.trim();
  const already = prefix === 'Re' ? /^re\s*:/i : /^(fwd?|fw)\s*:/i;
  return already.test(trimmed) ? trimmed : `${prefix}: ${trimmed}`.trim();
}

function display(address: MailAddress | null): string {
  if (!address) return 'someone';
  return address.name.trim() && address.name.trim() !== address.address ? `${address.name.trim()} <${address.address}>` : address.address;
}

function quote(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => (line.startsWith('>') || line === '' ? `>${line}` : `> ${line}`))
    .join('\n');
}

function unique(addresses: string[], exclude: Set<string>): string[] {
  const seen = new Set(exclude);
  const result: string[] = [];
  for (const address of addresses) {
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(address);
  }
  return result;
}

function threading(view: MessageView, references: string[]): { inReplyTo: string | null; references: string[] } {
  if (!view.messageId) return { inReplyTo: null, references: references.slice(-MAX_REFERENCES) };
  const chain = [...references.filter((id) => id !== view.messageId), view.messageId];
  const trimmed = chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { inReplyTo: view.messageId, references: trimmed };
}

export function buildReply(mode: ReplyMode, source: ReplySource): Omit<PreparedDraft, 'attachments' | 'notice'> {
  const { view, shownText } = source;
  // Encrypted as it arrived (read or not): the composer warns before this goes out unencrypted.
  const originalEncrypted = view.security !== undefined && view.security.encryption.status !== 'none';
  const when = new Date(view.date).toUTCString();
  if (mode === 'forward') {
    const header = [
      '---------- Forwarded message ----------',
      `From: ${display(view.from)}`,
      `Date: ${when}`,
      `Subject: ${view.subject}`,
      view.to.length > 0 ? `To: ${view.to.map(display).join(', ')}` : null,
      view.cc.length > 0 ? `Cc: ${view.cc.map(display).join(', ')}` : null,
    ].filter((line): line is string => line !== null);
    return { to: [], cc: [], subject: prefixed('Fwd', view.subject), text: `\n\n${header.join('\n')}\n\n${shownText}\n`, inReplyTo: null, references: [], originalEncrypted };
  }

  const self = source.self.toLowerCase();
  const primary = (source.replyTo.length > 0 ? source.replyTo : view.from ? [view.from] : []).map((a) => a.address);
  // Replying to one's own message goes to its recipients, as every mail client does.
  const ownMessage = primary.length > 0 && primary.every((a) => a.toLowerCase() === self);
  let to = ownMessage ? view.to.map((a) => a.address) : primary;
  let cc: string[] = [];
  if (mode === 'replyAll') {
    const others = ownMessage ? [] : view.to.map((a) => a.address);
    to = unique([...to, ...others], ownMessage ? new Set() : new Set([self]));
    cc = unique(view.cc.map((a) => a.address), new Set([self, ...to.map((a) => a.toLowerCase())]));
  } else {
    to = unique(to, new Set());
  }
  const attribution = `On ${when}, ${display(view.from)} wrote:`;
  return {
    to,
    cc,
    subject: prefixed('Re', view.subject),
    text: shownText.trim() ? `\n\n${attribution}\n${quote(shownText.trimEnd())}\n` : '',
    ...threading(view, source.references),
    originalEncrypted,
  };
}
