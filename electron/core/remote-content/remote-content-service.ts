/**
 * Loads a message's remote images when the user allows it, for this message or always for its
 * sender. The core fetches them and inlines them as data: URLs, so the message frame and the app
 * keep a policy that loads nothing from the network. Never for encrypted mail until its integrity
 * is known (EFAIL: remote URLs in decrypted CBC content exfiltrate the plaintext).
 */
import type { RemoteContentResult } from '../../../shared/compose-types';
import type { MessagePort } from '../compose/message-port';
import { addressesOf, isEncrypted, parseRaw } from '../compose/parse-raw';
import { inlineImageResolver } from '../mime/inline-images';
import type { HtmlSanitiser } from '../mime/sanitize-html';
import { MAX_REMOTE_IMAGE_BYTES, type ImageFetcher } from './fetch-remote-image';
import type { SenderAllowList } from './sender-allow-list';

const MAX_IMAGES = 40;
const MAX_TOTAL_BYTES = 15 * 1024 * 1024;
const REMOTE = /^https?:\/\//i;

export class RemoteContentService {
  constructor(
    private readonly mail: Pick<MessagePort, 'source'>,
    private readonly allowList: SenderAllowList,
    private readonly sanitiser: () => HtmlSanitiser,
    private readonly fetchImage: ImageFetcher,
  ) {}

  /** The message HTML with its remote images inlined; `senderAllowed` loads only for an always-allowed sender. */
  async load(accountId: string, folder: string, uid: number, when: 'now' | 'senderAllowed'): Promise<RemoteContentResult> {
    const parsed = await parseRaw(await this.mail.source(accountId, folder, uid));
    const nothing = (reason: string | null): RemoteContentResult => ({ loaded: false, html: null, failed: 0, reason });
    if (isEncrypted(parsed)) return nothing('Remote content never loads for encrypted mail whose integrity Sealmail cannot confirm.');
    if (typeof parsed.html !== 'string' || parsed.html.trim() === '') return nothing('This message has no formatted content.');
    if (when === 'senderAllowed') {
      const sender = addressesOf(parsed.from)[0]?.address;
      if (!sender || !(await this.allowList.allows(sender))) return nothing(null);
    }

    const cid = inlineImageResolver(parsed.attachments);
    const sanitiser = this.sanitiser();
    // First pass: learn which remote images survive sanitising.
    const wanted: string[] = [];
    sanitiser.sanitise(parsed.html, {
      resolveImage: (url) => {
        if (REMOTE.test(url) && !wanted.includes(url)) wanted.push(url);
        return null;
      },
    });

    const fetched = new Map<string, string>();
    let failed = 0;
    let budget = MAX_TOTAL_BYTES;
    const batch = wanted.slice(0, MAX_IMAGES);
    failed += wanted.length - batch.length;
    const results = await Promise.all(batch.map(async (url) => [url, await this.fetchImage(url, MAX_REMOTE_IMAGE_BYTES)] as const));
    for (const [url, data] of results) {
      // data: URLs are base64, about 4/3 of the bytes.
      const cost = data ? Math.floor((data.length * 3) / 4) : 0;
      if (data && cost <= budget) {
        budget -= cost;
        fetched.set(url, data);
      } else {
        failed++;
      }
    }

    const html = sanitiser.sanitise(parsed.html, { resolveImage: (url) => (REMOTE.test(url) ? (fetched.get(url) ?? null) : cid(url)) });
    return { loaded: true, html: html.html, failed, reason: null };
  }

  /** Always loads remote content from this sender from now on. */
  async allowSender(address: string): Promise<void> {
    await this.allowList.allow(address);
  }
}
