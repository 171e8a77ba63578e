/**
 * Element ids for the grouped list's rows, made from their keys (a conversation's Message-ID holds
 * characters an id should not). The list renders every row in view on each scrolled frame, and
 * escaping each key anew made fresh strings for every row every frame; here each is made once while
 * it is in use. The cache is bounded like the date labels: one that grew with every row ever
 * scrolled past would only feed the garbage collector.
 */
import { useMemo } from 'react';

/** Ids kept while scrolling: a few screens' worth. */
const ROW_IDS_KEPT = 500;

const escapeKey = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);

/** The element id of the row with this key, under the list's own prefix (from useId). */
export function useRowIds(prefix: string): (key: string) => string {
  return useMemo(() => {
    const ids = new Map<string, string>();
    return (key: string) => {
      let id = ids.get(key);
      if (id === undefined) {
        id = `${prefix}-${escapeKey(key)}`;
        if (ids.size >= ROW_IDS_KEPT) ids.clear();
        ids.set(key, id);
      }
      return id;
    };
  }, [prefix]);
}
