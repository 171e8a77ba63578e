// Fills a new Maildir++ folder of a test user with N generated messages, written straight to disk
// (no server round trip), for sync tests and `npm run bench`. Dovecot indexes them on first SELECT.
// Messages are deterministic for a given seed: senders, subjects and bodies from small word lists.
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailServersInfo } from './mail-servers.js';
import { systemAccount } from './system-users.js';

export const GENERATED_WORDS = (
  'report budget meeting lunch invoice project kickoff review draft release server update travel ' +
  'contract design security backup holiday schedule notes agenda deadline quarterly summary proposal ' +
  'feedback launch migration customer support ticket weekly planning roadmap hiring offer garden ' +
  'concert recipe football weather photos birthday dinner museum library bicycle mountain river'
).split(' ');
export const GENERATED_PEOPLE = ['Bob Example', 'Carol Finance', 'Dave Project', 'Erin Ops', 'Frank Sales', 'Grace Legal', 'Heidi Design', 'Ivan Support'];

/** A small deterministic generator, so two runs seed the same mailbox. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export interface GeneratedFolder {
  /** IMAP path of the folder (Maildir++ `.Name` on disk). */
  path: string;
  count: number;
}

/**
 * Creates folder `path` for `user` (alice by default) holding `count` messages, oldest first in UID
 * order, dated one minute apart; about a third unread and one in ten with an attachment.
 */
export async function seedGeneratedFolder(
  servers: Pick<MailServersInfo, 'dir'>,
  path: string,
  count: number,
  options: { user?: 'alice' | 'bob'; seed?: number } = {},
): Promise<GeneratedFolder> {
  const mail = systemAccount('mail');
  const maildir = join(servers.dir, 'mail', options.user ?? 'alice', 'Maildir', `.${path}`);
  for (const sub of ['', 'cur', 'new', 'tmp']) {
    await mkdir(join(maildir, sub), { recursive: true, mode: 0o700 });
    await chown(join(maildir, sub), mail.uid, mail.gid);
  }
  await writeFile(join(maildir, 'maildirfolder'), '');
  await chown(join(maildir, 'maildirfolder'), mail.uid, mail.gid);

  const next = random(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const start = Date.UTC(2024, 0, 1);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const person = pick(GENERATED_PEOPLE);
    const address = `${person.split(' ')[0]!.toLowerCase()}@example.test`;
    const subject = [pick(GENERATED_WORDS), pick(GENERATED_WORDS), pick(GENERATED_WORDS), `#${i + 1}`].join(' ');
    const body = Array.from({ length: 40 }, () => pick(GENERATED_WORDS)).join(' ');
    const seen = next() > 0.33;
    const attachment = next() < 0.1;
    const date = new Date(start + i * 60_000);
    const headers = [
      `From: ${person} <${address}>`,
      'To: Alice Example <alice@example.test>',
      `Subject: ${subject}`,
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <gen-${options.seed ?? 7}-${i + 1}@example.test>`,
      'MIME-Version: 1.0',
    ];
    const raw = attachment
      ? `${headers.join('\n')}\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n${body}\n--b\n` +
        `Content-Type: text/plain; name="notes.txt"\nContent-Disposition: attachment; filename="notes.txt"\n\n${pick(GENERATED_WORDS)}\n--b--\n`
      : `${headers.join('\n')}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;
    // Dovecot assigns UIDs in file-name order on first scan; zero-padded names keep that the seeding order.
    const name = `${String(1_000_000_000 + i)}.M${i}P${process.pid}.gen,S=${Buffer.byteLength(raw)}:2,${seen ? 'S' : ''}`;
    const file = join(maildir, 'cur', name);
    pending.push(writeFile(file, raw, { mode: 0o600 }).then(() => chown(file, mail.uid, mail.gid)));
    if (pending.length >= 256) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return { path, count };
}
