/**
 * The date-time after a Received field's last semicolon (RFC 5322 §3.3, with the obsolete two-digit
 * years and zone names of §4.3), as ISO 8601. Strict where it matters: a date that does not exist
 * is null, not a guess; Date.parse would take "1" or "Feb 31" and invent a day.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** RFC 5322 §4.3; military letters are unreliable and, as it says, read as -0000 (unknown). */
const ZONES = new Map<string, number>([
  ['ut', 0], ['gmt', 0], ['z', 0], ['edt', -4 * 60], ['est', -5 * 60], ['cdt', -5 * 60], ['cst', -6 * 60],
  ['mdt', -6 * 60], ['mst', -7 * 60], ['pdt', -7 * 60], ['pst', -8 * 60],
]);

const digits = (word: string | undefined, min: number, max: number) =>
  word !== undefined && word.length >= min && word.length <= max && /^\d+$/.test(word) ? Number(word) : null;

/** `words` are the words after the last semicolon (comments such as `(UTC)` already left out). */
export function readReceivedDate(words: readonly string[]): string | null {
  const parts = words.join(' ').split(/[\s,]+/).filter((part) => part.length > 0);
  if (parts.length > 8) return null;
  let i = 0;
  if (parts[i] !== undefined && DAYS.has(parts[i]!.toLowerCase())) i++;
  const day = digits(parts[i++], 1, 2);
  const month = MONTHS.indexOf(parts[i++]?.toLowerCase() ?? '');
  const year = fullYear(digits(parts[i++], 2, 4), parts[i - 1]?.length ?? 0);
  const time = (parts[i++] ?? '').split(':');
  const zone = zoneMinutes(parts[i++]);
  // After a numeric zone some servers repeat its name ("+0000 GMT"); anything more is not a date.
  if (i < parts.length && !(i === parts.length - 1 && /^[A-Za-z]{1,5}$/.test(parts[i]!))) return null;
  const hour = digits(time[0], 1, 2);
  const minute = digits(time[1], 2, 2);
  const second = time.length === 3 ? digits(time[2], 2, 2) : time.length === 2 ? 0 : null;
  if (day === null || month === -1 || year === null || hour === null || minute === null || second === null || zone === null) return null;
  if (hour > 23 || minute > 59 || second > 60 || day < 1 || day > daysIn(year, month)) return null;
  // A leap second is read as the last second of its minute.
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - zone * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** RFC 5322 §4.3: 00-49 are 2000-2049, 50-99 and three-digit years count from 1900. */
function fullYear(year: number | null, length: number): number | null {
  if (year === null) return null;
  if (length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (length === 3) return 1900 + year;
  return year >= 1900 ? year : null;
}

function zoneMinutes(word: string | undefined): number | null {
  if (word === undefined) return null;
  const numeric = /^([+-])(\d\d)(\d\d)$/.exec(word);
  if (numeric) {
    const minutes = Number(numeric[3]);
    if (minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + minutes);
  }
  const named = ZONES.get(word.toLowerCase());
  if (named !== undefined) return named;
  return /^[A-IK-Za-ik-z]$/.test(word) ? 0 : null;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
