/** Display formatting for addresses, dates and sizes. Pure functions; `now` is passed in for tests. */
import type { MailAddress } from '../../shared/domain';

/** `Bob <bob@example.test>`, or just the address when there is no separate name. */
export function formatAddress(address: MailAddress | null | undefined): string {
  if (!address) return '(unknown sender)';
  const name = (address.name ?? '').trim();
  const addr = (address.address ?? '').trim();
  if (!addr) return name || '(unknown sender)';
  if (!name || name.toLowerCase() === addr.toLowerCase()) return addr;
  return `${name} <${addr}>`;
}

export function formatAddressList(addresses: readonly MailAddress[] | null | undefined): string {
  return (addresses ?? []).map(formatAddress).join(', ');
}

/** The short form a message row shows: the name, else the address. */
export function senderLabel(address: MailAddress | null | undefined): string {
  if (!address) return '(unknown sender)';
  return (address.name ?? '').trim() || (address.address ?? '').trim() || '(unknown sender)';
}

/**
 * A display name that itself looks like a different e-mail address ("service@bank.test" <x@evil.test>)
 * is the classic From spoof; the reader flags it next to the real address.
 */
export function nameImpersonatesAddress(address: MailAddress | null | undefined): boolean {
  if (!address) return false;
  const found = (address.name ?? '').match(/[^\s<>()"',;]+@[^\s<>()"',;]+\.[^\s<>()"',;]+/g);
  if (!found) return false;
  const real = (address.address ?? '').trim().toLowerCase();
  return found.some((candidate) => candidate.toLowerCase() !== real);
}

export function subjectLabel(subject: string | null | undefined): string {
  const trimmed = (subject ?? '').trim();
  return trimmed || '(no subject)';
}

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * Formatters are built once: `toLocale…String` builds a new Intl formatter on every call, which is
 * most of a frame's script time when a list scrolls through fresh rows.
 */
const listFormats = {
  time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  weekday: new Intl.DateTimeFormat(undefined, { weekday: 'long' }),
  dayMonth: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
  full: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
};

/** Message-list dates: the time today, "Yesterday", the weekday this week, the day this year, else the full date. */
export function formatListDate(iso: string | null | undefined, now: Date = new Date()): string {
  const date = parseDate(iso);
  if (!date) return '';
  if (sameDay(date, now)) return listFormats.time.format(date);
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(date, yesterday)) return 'Yesterday';
  const ageMs = now.getTime() - date.getTime();
  if (ageMs > 0 && ageMs < 6 * 24 * 3600 * 1000) return listFormats.weekday.format(date);
  if (date.getFullYear() === now.getFullYear()) return listFormats.dayMonth.format(date);
  return listFormats.full.format(date);
}

/** The reader's date: weekday, full date and time. Unparseable dates are shown as given. */
export function formatFullDate(iso: string | null | undefined): string {
  const date = parseDate(iso);
  if (!date) return iso ?? '';
  return date.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** 512 bytes, 1.2 KB, 34 KB, 5.6 MB: binary multiples, as mail clients show them. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${shown} ${units[unit]}`;
}
