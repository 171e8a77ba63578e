/**
 * Prepares replies and forwards. The quote is taken from the message exactly as the reader showed
 * it (the same `open` the reader used), never from the raw parts: a hidden or sibling part, such as
 * an encrypted blob a sender tucked beside the visible text, must never travel back in a reply.
 * A forward's attachments come from the part the reader showed (the decrypted or unwrapped one of
 * S/MIME mail), the same bytes the reader saves, and stay in memory: never written to disk.
 */
import type { FileContent, PreparedDraft, ReplyMode } from '../../../shared/compose-types';
import type { MessageView } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import { MAX_ATTACHMENT_TOTAL_BYTES } from '../../../shared/inputs';
import { buildReply } from './build-reply';
import type { AccountPort, MessagePort, ShownPartPort } from './message-port';
import { addressesOf, parseRaw, threadOf } from './parse-raw';
import { visibleText } from './visible-text';

interface Location {
  accountId: string;
  folder: string;
  uid: number;
}

export class ComposeService {
  constructor(
    private readonly mail: Pick<MessagePort, 'open' | 'source'> & ShownPartPort,
    private readonly accounts: AccountPort,
  ) {}

  /**
   * A draft answering or forwarding a message. `shown` says what the reader displayed: its text
   * part or its HTML, whose visible text is then quoted.
   */
  async prepareReply(accountId: string, folder: string, uid: number, mode: ReplyMode, shown: 'text' | 'html'): Promise<PreparedDraft> {
    const account = await this.accounts.get(accountId);
    const view = await this.mail.open(accountId, folder, uid);

    let notice: string | null = null;
    let shownText: string;
    if (view.parseError !== null) {
      // The reader showed raw source; quoting it could carry parts the user never saw as text.
      shownText = '';
      notice = 'The original could not be read properly, so it is not quoted.';
    } else {
      shownText = shown === 'html' && view.html !== null ? visibleText(view.html) : view.text;
    }

    // A forward starts a new thread to new people; only replies need Reply-To and References. With
    // protected headers (RFC 9788 §6.2) they come from inside, so an outer Reply-To added on the way
    // cannot redirect the answer.
    const headers = view.headerProtection ? () => this.mail.displayedSource(accountId, folder, uid) : () => this.mail.source(accountId, folder, uid);
    const parsed = mode === 'forward' ? null : await parseRaw(await headers());
    const draft = buildReply(mode, {
      view,
      shownText,
      replyTo: parsed ? addressesOf(parsed.replyTo) : [],
      references: parsed ? threadOf(parsed) : [],
      self: account.address,
    });

    if (mode !== 'forward' || view.attachments.length === 0) return { ...draft, attachments: [], notice };
    const forwarded = await this.listedAttachments({ accountId, folder, uid }, view);
    return { ...draft, attachments: forwarded.attachments, notice: forwarded.notice ?? notice };
  }

  /**
   * The attachments the reader listed, read from the part it showed and matched by place, name
   * and size (the view lists that part's attachments in this same order), within the sending cap.
   */
  private async listedAttachments(at: Location, view: MessageView): Promise<{ attachments: FileContent[]; notice: string | null }> {
    let parts: Awaited<ReturnType<typeof parseRaw>>['attachments'];
    try {
      parts = (await parseRaw(await this.mail.displayedSource(at.accountId, at.folder, at.uid))).attachments;
    } catch (error) {
      // A lock or a lost connection since the reader opened it: the draft still opens, without them.
      if (!(error instanceof SealmailError)) throw error;
      return { attachments: [], notice: `The attachments were left out: ${error.message}` };
    }
    const attachments: FileContent[] = [];
    let budget = MAX_ATTACHMENT_TOTAL_BYTES;
    let left = 0;
    view.attachments.forEach((listed, index) => {
      const part = parts[index];
      if (!part || (part.filename ?? 'unnamed') !== listed.filename || part.size !== listed.size || part.size > budget) {
        left++;
        return;
      }
      budget -= part.size;
      attachments.push({ filename: listed.filename, contentType: part.contentType, size: part.size, base64: part.content.toString('base64') });
    });
    const notice = left > 0 ? `${left === 1 ? '1 attachment was' : `${left} attachments were`} left out: too large to send again, or not readable.` : null;
    return { attachments, notice };
  }
}
