/**
 * What the list shows after a reload: the store's first page, then the rows the user had already
 * scrolled to below it. A reload asks for at most the contract's largest page, and replacing the
 * whole list with it would cut a list scrolled past that page short, throwing the reader back up
 * the folder every time new mail is stored (every few hundred milliseconds in a first sync). The
 * rows kept are those that followed the page's last row already shown; rows beyond the page
 * therefore stay as they were until the folder is opened again, which is what a sync that only
 * adds older mail below needs. Rows that come back unchanged keep their object, and a list that
 * comes back unchanged is the very array shown: most reloads in a first sync, whose new mail is
 * stored below what is in view, then render nothing again.
 */
import { sameData } from '../../lib/same-data';

export function mergeReloadedPage<T>(shown: T[], page: readonly T[], keyOf: (item: T) => string | number): T[] {
  const merged = merge(shown, page, keyOf);
  return merged.length === shown.length && merged.every((item, i) => item === shown[i]) ? shown : merged;
}

function merge<T>(shown: readonly T[], page: readonly T[], keyOf: (item: T) => string | number): T[] {
  const position = new Map<string | number, number>();
  shown.forEach((item, index) => position.set(keyOf(item), index));
  // A row that comes back unchanged stays the object already shown (see sameData).
  const fresh = page.map((item) => {
    const index = position.get(keyOf(item));
    const before = index === undefined ? undefined : shown[index];
    return before !== undefined && sameData(before, item) ? before : item;
  });
  if (shown.length <= page.length) return fresh;
  // The page's last row that was already shown marks where the rows below the page begin.
  let resume = -1;
  for (let i = page.length - 1; i >= 0 && resume < 0; i--) resume = position.get(keyOf(page[i]!)) ?? -1;
  // Nothing of the page was shown before (it is all new): the list starts over from the page.
  if (resume < 0) return fresh;
  const inPage = new Set(page.map(keyOf));
  return [...fresh, ...shown.slice(resume + 1).filter((item) => !inPage.has(keyOf(item)))];
}
