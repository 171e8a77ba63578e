/** Turns what a person types in a To field into addresses: commas or semicolons between them. */
import { emailAddress } from '../../shared/inputs';

export interface ParsedRecipients {
  addresses: string[];
  /** Entries that are not an address, as typed. */
  invalid: string[];
}

export function parseRecipients(typed: string): ParsedRecipients {
  const addresses: string[] = [];
  const invalid: string[] = [];
  for (const raw of typed.split(/[,;]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    // Accept the `Name <address>` form people paste from other mail.
    const angled = entry.match(/<([^<>]+)>\s*$/);
    const candidate = (angled?.[1] ?? entry).trim();
    if (emailAddress.safeParse(candidate).success) addresses.push(candidate);
    else invalid.push(entry);
  }
  return { addresses, invalid };
}
