// Creates users' Maildirs and fills alice's INBOX with fixed messages covering the cases a mail
// client must handle: plain text, hostile HTML, an attachment, broken MIME, non-ASCII headers.
// Files are written straight into Maildir/cur (no server round trip), owned by the mail account.
import { chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SeededMessage {
  subject: string;   // decoded form, as an IMAP client shows it
  from: string;      // address only
  date: Date;        // Date header and Maildir mtime (= IMAP INTERNALDATE)
  seen: boolean;
  raw: Buffer;       // exact file bytes (LF line endings; Dovecot serves CRLF)
}

export const SEEDED_NOTES_TXT = 'Agenda\n1. Threat model review\n2. S/MIME key rollover\n3. Release date\n';
export const TRACKER_PIXEL_URL = 'https://tracker.example/pixel.png';

const ALICE = 'Alice Example <alice@example.test>';
const BOB = 'Bob Example <bob@example.test>';

interface Draft {
  subject: string;
  encodedSubject?: string;   // RFC 2047 form, when it differs
  from: string;
  date: string;              // ISO, UTC
  seen?: boolean;
  headers?: string[];        // extra header lines (Content-Type etc.)
  body: string;
}

const drafts: Draft[] = [
  {
    subject: 'Welcome to Sealmail',
    from: BOB,
    date: '2025-03-01T09:15:00Z',
    seen: true,
    body: 'Hi Alice,\n\nwelcome to Sealmail. Everything here is signed and encrypted by default.\n\nBob\n',
  },
  {
    subject: 'Lunch on Friday?',
    from: BOB,
    date: '2025-03-02T11:30:00Z',
    seen: true,
    body: 'Are you free for lunch on Friday at noon?\n',
  },
  {
    subject: 'Spring newsletter with remote content',
    from: 'Tracker News <news@tracker.example>',
    date: '2025-03-03T08:00:00Z',
    headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 7bit'],
    body:
      '<!doctype html>\n<html><head><title>Spring</title></head><body>\n' +
      '<h1>Spring update</h1>\n<p>Hello Alice, here is what is new.</p>\n' +
      `<img src="${TRACKER_PIXEL_URL}" width="1" height="1" alt="">\n` +
      '<img src="cid:missing@example" onerror="alert(\'onerror\')" alt="broken">\n' +
      '<script>alert("script ran")</script>\n' +
      '<p><a href="javascript:alert(1)">Click here</a></p>\n</body></html>\n',
  },
  {
    subject: 'Meeting notes attached',
    from: BOB,
    date: '2025-03-04T16:45:00Z',
    headers: ['Content-Type: multipart/mixed; boundary="seal-boundary-1"'],
    body:
      'This is a multi-part message in MIME format.\n\n' +
      '--seal-boundary-1\nContent-Type: text/plain; charset=utf-8\n\nNotes from today are attached.\n\n' +
      '--seal-boundary-1\nContent-Type: text/plain; charset=utf-8; name="notes.txt"\n' +
      'Content-Disposition: attachment; filename="notes.txt"\nContent-Transfer-Encoding: base64\n\n' +
      `${Buffer.from(SEEDED_NOTES_TXT).toString('base64')}\n` +
      '--seal-boundary-1--\n',
  },
  {
    subject: 'Quarterly report draft',
    from: 'Carol Finance <carol@example.test>',
    date: '2025-03-05T10:05:00Z',
    body: 'Hi Alice,\n\nthe draft of the quarterly report is ready for review.\n\nCarol\n',
  },
  {
    subject: 'Broken MIME message',
    from: 'Mallory <mallory@example.test>',
    date: '2025-03-06T13:13:13Z',
    // multipart without a boundary parameter, a part with bogus base64 and an unterminated encoded word.
    headers: ['Content-Type: multipart/mixed', 'Content-Transfer-Encoding: 8bit'],
    body:
      '--nobody-declared-this\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n' +
      'This is !!! not @@@ base64 ===\n' +
      '--nobody-declared-this\nContent-Type: application/octet-stream; name="=?x-unknown?Q?broken\n\n' +
      '\xff\xfe invalid UTF-8 bytes\n',
  },
  {
    subject: 'Grüße aus Berlin',
    encodedSubject: '=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_Berlin?=',
    from: BOB,
    date: '2025-03-07T19:20:00Z',
    headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
    body: 'Viele Gr=C3=BC=C3=9Fe aus Berlin!\n',
  },
  {
    subject: 'Re: Project kickoff',
    from: 'Dave Project <dave@example.test>',
    date: '2025-03-08T07:50:00Z',
    headers: ['In-Reply-To: <kickoff-1@example.test>', 'References: <kickoff-1@example.test>'],
    body: 'Sounds good, see you at the kickoff.\n\n> Shall we start on Monday?\n',
  },
  {
    subject: 'Server maintenance window',
    from: 'Ops <ops@example.test>',
    date: '2025-03-09T22:00:00Z',
    body: 'The mail server will be down for maintenance on Sunday between 02:00 and 03:00 UTC.\n',
  },
  {
    subject: 'Weekend plans',
    from: BOB,
    date: '2025-03-10T17:25:00Z',
    body: 'Hiking on Saturday if the weather holds?\n',
  },
];

function toMessage(d: Draft, index: number): SeededMessage {
  const date = new Date(d.date);
  const headers = [
    `Return-Path: <${/<([^>]+)>/.exec(d.from)?.[1] ?? d.from}>`,
    `From: ${d.from}`,
    `To: ${ALICE}`,
    `Subject: ${d.encodedSubject ?? d.subject}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <seed-${index + 1}@example.test>`,
    'MIME-Version: 1.0',
    ...(d.headers ?? ['Content-Type: text/plain; charset=utf-8']),
  ];
  return {
    subject: d.subject,
    from: /<([^>]+)>/.exec(d.from)?.[1] ?? d.from,
    date,
    seen: d.seen ?? false,
    // latin1 maps each char to one byte: the bodies are ASCII except the deliberate 0xFF 0xFE garbage.
    raw: Buffer.from(`${headers.join('\n')}\n\n${d.body}`, 'latin1'),
  };
}

/** Oldest first, in the order the server assigns UIDs. */
export const SEEDED_MESSAGES: readonly SeededMessage[] = drafts.map(toMessage);
export const SEEDED_SUBJECTS: readonly string[] = SEEDED_MESSAGES.map((m) => m.subject);

async function mkdirOwned(path: string, uid: number, gid: number): Promise<void> {
  await mkdir(path, { mode: 0o700 });
  await chown(path, uid, gid);
}

/** Creates <home>/Maildir/{cur,new,tmp}; `home` itself must not exist yet. Returns the Maildir path. */
export async function createMaildir(home: string, uid: number, gid: number): Promise<string> {
  await mkdirOwned(home, uid, gid);
  const maildir = join(home, 'Maildir');
  await mkdirOwned(maildir, uid, gid);
  for (const sub of ['cur', 'new', 'tmp']) await mkdirOwned(join(maildir, sub), uid, gid);
  return maildir;
}

export async function seedMaildir(
  maildir: string, uid: number, gid: number, messages: readonly SeededMessage[] = SEEDED_MESSAGES,
): Promise<void> {
  for (const [i, m] of messages.entries()) {
    const bytes = m.raw;
    const seconds = Math.floor(m.date.getTime() / 1000);
    // Maildir name: unique part, then ":2," and flags. Dovecot assigns UIDs in name order, and the
    // names start with the (increasing) timestamp, so UIDs follow the dates.
    const name = `${seconds}.M${i}P${process.pid}.seed,S=${bytes.length}:2,${m.seen ? 'S' : ''}`;
    const file = join(maildir, 'cur', name);
    await writeFile(file, bytes, { mode: 0o600 });
    await chown(file, uid, gid);
    await utimes(file, m.date, m.date);
  }
}
