/** Writes UIDs as an IMAP sequence set (RFC 3501 §9 `sequence-set`), runs collapsed: 1:5,7,9:12. */
export function toUidSet(uids: readonly number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let end = start;
  for (const uid of sorted.slice(1)) {
    if (end !== undefined && uid === end + 1) {
      end = uid;
      continue;
    }
    if (uid === end) continue;
    if (start !== undefined) parts.push(start === end ? `${start}` : `${start}:${end}`);
    start = end = uid;
  }
  if (start !== undefined) parts.push(start === end ? `${start}` : `${start}:${end}`);
  return parts.join(',');
}
