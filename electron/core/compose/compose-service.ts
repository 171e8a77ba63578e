/**
 * Prepares replies and forwards. The quote is taken from the message exactly as the reader showed
 * it (the same `open` the reader used), never from the raw parts: a hidden or sibling part, such as
 * an encrypted blob a sender tucked beside the visible text, must never travel back in a reply.
 */
import type { FileContent, PreparedDraft, ReplyMode } from '../../../shared/compose-types';
import { MAX_ATTACHMENT_TOTAL_BYTES } from '../../../shared/inputs';
import { buildReply } from './build-reply';
import type { AccountPort, MessagePort } from './message-port';
import { addressesOf, messageIds, parseRaw } from './parse-raw';
import { visibleText } from './visible-text';

export class ComposeService {
  constructor(
    private readonly mail: MessagePort,
    private readonly accounts: AccountPort,
  ) {}

  /**
   * A draft answering or forwarding a message. `shown` says what the reader displayed: its text
   * part or its HTML, whose visible text is then quoted.
   */
  async prepareReply(accountId: string, folder: string, uid: number, mode: ReplyMode, shown: 'text' | 'html'): Promise<PreparedDraft> {
    const account = await this.accounts.get(accountId);
    const view = await this.mail.open(accountId, folder, uid);
    const parsed = await parseRaw(await this.mail.source(accountId, folder, uid));

    let notice: string | null = null;
    let shownText: string;
    if (view.parseError !== null) {
      // The reader showed raw source; quoting it could carry parts the user never saw as text.
      shownText = '';
      notice = 'The original could not be read properly, so it is not quoted.';
    } else {
      shownText = shown === 'html' && view.html !== null ? visibleText(view.html) : view.text;
    }

    const references = messageIds(parsed.references);
    const draft = buildReply(mode, {
      view,
      shownText,
      replyTo: addressesOf(parsed.replyTo),
      references: references.length > 0 ? references : messageIds(parsed.inReplyTo),
      self: account.address,
    });

    const attachments: FileContent[] = [];
    if (mode === 'forward' && view.attachments.length > 0) {
      // Only what the reader listed, matched by name and size, within the sending cap.
      let budget = MAX_ATTACHMENT_TOTAL_BYTES;
      let left = 0;
      for (const listed of view.attachments) {
        const part = parsed.attachments.find((a) => (a.filename ?? 'unnamed') === listed.filename && a.size === listed.size);
        if (!part || part.size > budget) {
          left++;
          continue;
        }
        budget -= part.size;
        attachments.push({ filename: listed.filename, contentType: part.contentType, size: part.size, base64: part.content.toString('base64') });
      }
      if (left > 0) notice = `${left === 1 ? '1 attachment was' : `${left} attachments were`} left out: too large to send again, or not readable.`;
    }
    return { ...draft, attachments, notice };
  }
}
