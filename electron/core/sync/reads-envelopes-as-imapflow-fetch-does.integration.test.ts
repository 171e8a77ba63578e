/**
 * The first sync reads its FETCH answers without imapflow's fetch() (fetch-envelopes.ts). Against
 * the real Dovecot, with mail that stresses the parsers (the seeded mailbox's S/MIME, broken MIME
 * and encoded words, plus groups, RFC 2231 names, raw UTF-8, forwarded mail), every stored field
 * must be what fetch() would have given.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject, test, vi } from 'vitest';
import { SEEDED_MESSAGES } from '../../../e2e/servers/seed-mailboxes';
import type { StoredMessage } from '../store/stored-message';
import { fetchEnvelopes } from './fetch-envelopes';
import { bareClient, otherClient } from './testing/imap-fixtures';
import { ENVELOPE_QUERY, toStoredMessage } from './to-stored-message';

const path = `EnvelopeParity${process.pid}`;
let client: ImapFlow;

const awkward = [
  [
    'From: =?ISO-8859-1?Q?Andr=E9_M=FCller?= <andre@example.test>',
    'To: undisclosed-recipients:;',
    'Cc: "Quote \\"Me\\"" <q@example.test>, plain@example.test, =?UTF-8?B?5bGx55Sw?= <yamada@example.test>',
    'Subject: =?UTF-8?B?8J+UkCBTaWduZWQ=?= and =?ISO-8859-1?Q?caf=E9?=',
    'Date: Tue, 4 Mar 2025 09:15:00 +0100',
    'Message-ID: <awkward-1@example.test>',
    'In-Reply-To: <parent@example.test> (the parent)',
    'References: <root@example.test>\r\n <middle@example.test>\r\n\t<parent@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See attached.',
    '--b1',
    "Content-Type: application/pdf; name*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
    "Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQK',
    '--b1',
    'Content-Type: message/rfc822',
    '',
    'From: inner@example.test',
    'Subject: Forwarded inside',
    '',
    'Inner body.',
    '--b1--',
    '',
  ],
  ['Subject: Raw UTF-8 \u00fcml\u00e4ut, no From and no Date', 'Message-ID: <awkward-2@example.test>', '', 'Body.', ''],
  ['From: nobody', 'Subject:', 'Date: Sun, 1 Jan 2098 00:00:00 +0000', '', 'A date far ahead and an empty subject.', ''],
].map((lines) => Buffer.from(lines.join('\r\n'), 'utf8'));

beforeAll(async () => {
  client = await otherClient(inject('mailServers'));
  await client.mailboxCreate(path);
  for (const message of SEEDED_MESSAGES) await client.append(path, message.raw, message.seen ? ['\\Seen'] : []);
  for (const raw of awkward) await client.append(path, raw, ['\\Flagged']);
});

afterAll(async () => {
  await client.mailboxDelete(path).catch(() => undefined);
  await client.logout();
});

async function withFolder<T>(work: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path);
  try {
    return await work();
  } finally {
    lock.release();
  }
}

async function throughFetch(set: string, uid: boolean): Promise<StoredMessage[]> {
  const found: StoredMessage[] = [];
  for await (const message of client.fetch(set, ENVELOPE_QUERY, { uid })) found.push(toStoredMessage(message));
  return found;
}

async function throughEnvelopes(target: ImapFlow, set: string, uid: boolean): Promise<StoredMessage[]> {
  const found: StoredMessage[] = [];
  await fetchEnvelopes(target, set, { uid }, (message) => void found.push(message));
  return found;
}

test('every message of the folder is stored exactly as fetch() would have it, by sequence and by UID', async () => {
  // The pinned imapflow has the command channel, so what is compared here is the fast path, not the fallback.
  expect(typeof Reflect.get(client, 'exec')).toBe('function');
  await withFolder(async () => {
    const expected = await throughFetch('1:*', false);
    expect(expected).toHaveLength(SEEDED_MESSAGES.length + awkward.length);
    expect(await throughEnvelopes(client, '1:*', false)).toEqual(expected);

    const uids = expected.map((message) => message.uid);
    const some = `${uids[1]},${uids[4]}:${uids.at(-1)}`;
    expect(await throughEnvelopes(client, some, true)).toEqual(await throughFetch(some, true));
  });
});

test('the awkward messages come through with their names, threads and attachment decoded', async () => {
  const stored = await withFolder(() => throughEnvelopes(client, '1:*', false));
  const [withAttachment, rawUtf8, farAhead] = stored.slice(-3);
  expect(withAttachment).toMatchObject({
    subject: '🔐 Signed and café',
    from: { name: 'André Müller', address: 'andre@example.test' },
    hasAttachments: true,
    flagged: true,
    inReplyTo: '<parent@example.test>',
    references: ['<root@example.test>', '<middle@example.test>', '<parent@example.test>'],
  });
  expect(withAttachment!.to.map((to) => to.address)).toEqual(['q@example.test', 'plain@example.test', 'yamada@example.test']);
  expect(rawUtf8).toMatchObject({ subject: 'Raw UTF-8 ümläut, no From and no Date', from: null });
  expect(farAhead!.date.startsWith('2098')).toBe(false);
});

test('a client without the internal command channel gets the same messages through fetch()', async () => {
  // No exec seen from outside, as after an imapflow upgrade that renamed it (imapflow's own methods still reach theirs).
  const withoutExec = new Proxy(client, {
    get(target, key) {
      if (key === 'exec') return undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await withFolder(async () => {
    expect(await throughEnvelopes(withoutExec, '1:*', false)).toEqual(await throughFetch('1:*', false));
  });
});

test('a failing consumer stops the conversions, its error is thrown, and the connection stays usable', async () => {
  await withFolder(async () => {
    const seen: number[] = [];
    const fetching = fetchEnvelopes(client, '1:*', { uid: false }, (message) => {
      seen.push(message.uid);
      if (seen.length === 3) throw new Error('disk full');
    });
    await expect(fetching).rejects.toThrow('disk full');
    expect(seen).toHaveLength(3);
    // The rest of the answer was read off the wire: the next command is answered normally.
    expect(await throughEnvelopes(client, '1', false)).toHaveLength(1);
  });
});

test('a consumer that makes the answers wait (backpressure) gets them all, in order', async () => {
  await withFolder(async () => {
    const seen: number[] = [];
    await fetchEnvelopes(client, '1:*', { uid: false }, async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(message.uid);
    });
    expect(seen).toEqual((await throughFetch('1:*', false)).map((message) => message.uid));
  });
});

test('a connection idling in the folder is woken for the FETCH, and idles again after it', async () => {
  // IDLE soon after the connection falls quiet, as the app's session does after 15 seconds.
  const idler = bareClient(inject('mailServers'), { autoIdleDelay: 50 });
  await idler.connect();
  try {
    (await idler.getMailboxLock(path)).release();
    await vi.waitFor(() => expect(idler.idling).toBe(true));
    // The folder is already selected: taking its lock sends nothing, and the IDLE goes on.
    const lock = await idler.getMailboxLock(path);
    let found: StoredMessage[];
    try {
      const tooLong = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the FETCH waited behind the IDLE')), 5000));
      found = await Promise.race([throughEnvelopes(idler, '1:*', false), tooLong]);
    } finally {
      lock.release();
    }
    expect(found).toHaveLength(SEEDED_MESSAGES.length + awkward.length);
    await vi.waitFor(() => expect(idler.idling).toBe(true));
  } finally {
    await idler.logout();
  }
});
