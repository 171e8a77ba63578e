/**
 * The display-name rule for a signed message. Many clients show only the From mailbox's name, so a
 * name that spells an address is read as the sender: a good signature by eve under
 * `manager@bigcorporation.de <eve@bigcorporation.de>` proves eve wrote it while the person sees
 * "manager@...". Müller et al., "Johnny, You Are Fired!" (USENIX Security 2019, §5 ID spoofing,
 * "display name" attacks) fooled most clients with exactly this. So every address-shaped word in the
 * names shown for the sender must be one of the signer's own addresses.
 *
 * The names are folded as a person reads them, so look-alikes count as what they look like:
 * NFKC turns U+FF20 '＠' and U+FE6B '﹫' into '@', full-width letters into ASCII and U+2024 '․' into
 * '.'; invisible characters (zero-width spaces and joiners, soft hyphens) are dropped; spaces
 * around '@' are closed ("manager @ bigcorporation.de"). A word with bidi controls is shown in
 * another order than its text, so it never counts as the signer's.
 */
import { sameAddress } from './from-address';

/** Format characters that render as nothing; bidi controls (U+061C, U+200E-F, U+202A-E, U+2066-9) are not among them. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
/** Where a word ends for a reader: spaces, and the brackets, quotes and separators of a mail header. */
const WORD_BREAK = /[\s<>()[\]{}"“”«»,;:]+/u;
/** Padding a reader skips at either end of a word: "manager@bigcorporation.de ....." */
const PADDING = /^[.'`!?*|~]+|[.'`!?*|~]+$/g;
/** Something on both sides of an '@' and a dot after it: what a person takes for an address. */
const ADDRESS_SHAPED = /^[^@]+@[^@]*\.[^@]*[^@.]/;
/** Bidi controls: with them the order shown is not the text's ("\u202Eed.elpmaxe@reganam"). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The first address-shaped word in `names` that is not one of `signerEmails`, as it reads (folded,
 * without bidi controls), or null when every address the names show is the signer's.
 */
export function addressInNameNotBy(names: string[], signerEmails: string[]): string | null {
  for (const name of names) {
    const folded = name.normalize('NFKC').replace(INVISIBLE, '').replace(/\s*@\s*/g, '@');
    for (const raw of folded.split(WORD_BREAK)) {
      const word = raw.replace(PADDING, '');
      const reordered = word.search(BIDI) >= 0;
      // A reordered word may put the domain first, so any '@' between characters makes it an address.
      if (!(reordered ? /[^@]@[^@]/.test(word) : ADDRESS_SHAPED.test(word))) continue;
      if (reordered || !signerEmails.some((email) => sameAddress(email, word))) return word.replace(BIDI, '');
    }
  }
  return null;
}
