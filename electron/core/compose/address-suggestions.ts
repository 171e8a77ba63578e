/**
 * Address completion from the account's recent mail: senders and recipients of the newest messages
 * in the inbox and the sent folder, most frequent first. Kept in memory for a short while; the
 * message store (when it lands) can answer this from its index instead.
 */
import type { SuggestedAddress } from '../../../shared/compose-types';
import type { MailAddress } from '../../../shared/domain';
import type { AccountPort, MessagePort } from './message-port';

const SCAN = 300;
const FRESH_MS = 2 * 60_000;
const MAX_SUGGESTIONS = 8;

interface Known {
  address: string;
  name: string;
  count: number;
}

export class AddressSuggestions {
  private readonly cache = new Map<string, { at: number; known: Promise<Known[]> }>();

  constructor(
    private readonly mail: MessagePort,
    private readonly accounts: AccountPort,
    private readonly now: () => number = Date.now,
  ) {}

  /** Up to eight known addresses whose address or name contains `query`, those starting with it first. */
  async suggest(accountId: string, query: string): Promise<SuggestedAddress[]> {
    const needle = query.trim().toLowerCase();
    const known = await this.known(accountId);
    const matches = known.filter((k) => k.address.toLowerCase().includes(needle) || k.name.toLowerCase().includes(needle));
    const starts = (k: Known) => k.address.toLowerCase().startsWith(needle) || k.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(needle));
    matches.sort((a, b) => Number(starts(b)) - Number(starts(a)) || b.count - a.count || a.address.localeCompare(b.address));
    return matches.slice(0, MAX_SUGGESTIONS).map(({ address, name }) => ({ address, name }));
  }

  private known(accountId: string): Promise<Known[]> {
    const cached = this.cache.get(accountId);
    if (cached && this.now() - cached.at < FRESH_MS) return cached.known;
    const known = this.collect(accountId);
    this.cache.set(accountId, { at: this.now(), known });
    known.catch(() => this.cache.delete(accountId));
    return known;
  }

  private async collect(accountId: string): Promise<Known[]> {
    const self = (await this.accounts.get(accountId)).address.toLowerCase();
    const folders = await this.mail.folders(accountId);
    const wanted = folders.filter((f) => f.specialUse === '\\Inbox' || f.specialUse === '\\Sent' || /^sent$/i.test(f.name));
    const tally = new Map<string, Known>();
    const add = (entry: MailAddress | null) => {
      if (!entry?.address) return;
      const key = entry.address.toLowerCase();
      if (key === self) return;
      const found = tally.get(key);
      if (found) {
        found.count++;
        if (!found.name && entry.name) found.name = entry.name;
      } else {
        tally.set(key, { address: entry.address, name: entry.name ?? '', count: 1 });
      }
    };
    for (const folder of wanted) {
      const page = await this.mail.messages(accountId, folder.path, 0, SCAN);
      for (const message of page.messages) {
        add(message.from);
        message.to.forEach(add);
      }
    }
    return [...tally.values()];
  }
}
