// Integration test for the e2e mail servers: real Dovecot and Postfix on loopback, with TLS verified
// against the throwaway test CA only (certificate checks stay on).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import {
  liveServerProcesses, readServersInfo, startMailServers, writeServersInfo,
  SEEDED_NOTES_TXT, SEEDED_SUBJECTS, type MailServers, type TestUser,
} from './mail-servers.js';

let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers();
}, 60_000);

afterAll(async () => {
  if (!servers) return;
  await servers.stop();
  await servers.stop(); // idempotent
  expect(existsSync(servers.dir)).toBe(false);
  expect(liveServerProcesses(servers)).toEqual([]);
  // The authorization server is closed with the group.
  const { port } = new URL(servers.oauth.issuer);
  await expect(new Promise((resolve, reject) => connect(Number(port), '127.0.0.1').once('connect', resolve).once('error', reject)))
    .rejects.toMatchObject({ code: 'ECONNREFUSED' });
}, 30_000);

function imapClient(user: TestUser, overrides: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: true,
    auth: { user: user.address, pass: user.password },
    tls: { ca: [servers.caCertPem] },
    logger: false,
    ...overrides,
  });
}

async function withImap<T>(client: ImapFlow, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function inboxSubjects(client: ImapFlow): Promise<string[]> {
  const lock = await client.getMailboxLock('INBOX');
  try {
    const subjects: string[] = [];
    if (client.mailbox && client.mailbox.exists === 0) return subjects;
    for await (const msg of client.fetch('1:*', { envelope: true })) subjects.push(msg.envelope?.subject ?? '');
    return subjects;
  } finally {
    lock.release();
  }
}

/** Polls bob's INBOX (bounded: ~10 s) until a message with `subject` shows up. */
async function waitForBobSubject(subject: string): Promise<boolean> {
  return withImap(imapClient(servers.users.bob), async (client) => {
    for (let i = 0; i < 50; i++) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const found = await client.search({ header: { subject } }, { uid: true });
        if (Array.isArray(found) && found.length > 0) return true;
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  });
}

function smtpTransport(port: number, options: { secure: boolean; requireTLS?: boolean; ignoreTLS?: boolean; auth?: TestUser }) {
  return nodemailer.createTransport({
    host: servers.host,
    port,
    secure: options.secure,
    requireTLS: options.requireTLS,
    ignoreTLS: options.ignoreTLS,
    auth: options.auth ? { user: options.auth.address, pass: options.auth.password } : undefined,
    tls: { ca: [servers.caCertPem] },
  });
}

describe('e2e mail servers', () => {
  it('serves the seeded INBOX to alice over implicit TLS', async () => {
    const subjects = await withImap(imapClient(servers.users.alice), inboxSubjects);
    expect(subjects).toEqual([...SEEDED_SUBJECTS]);
    expect(subjects).toEqual(expect.arrayContaining([
      'Welcome to Sealmail', 'Spring newsletter with remote content', 'Meeting notes attached', 'Broken MIME message',
    ]));
  });

  it('seeds a downloadable notes.txt attachment', async () => {
    const text = await withImap(imapClient(servers.users.alice), async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const [uid] = (await client.search({ header: { subject: 'Meeting notes attached' } }, { uid: true })) || [];
        expect(uid).toBeDefined();
        const { content } = await client.download(String(uid), '2', { uid: true });
        const chunks: Buffer[] = [];
        for await (const chunk of content ?? []) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      } finally {
        lock.release();
      }
    });
    expect(text.replace(/\r\n/g, '\n')).toBe(SEEDED_NOTES_TXT);
  });

  it('logs in over STARTTLS on the 143-style port', async () => {
    const client = imapClient(servers.users.alice, { port: servers.imapStarttlsPort, secure: false, doSTARTTLS: true });
    const subjects = await withImap(client, inboxSubjects);
    expect(subjects).toHaveLength(SEEDED_SUBJECTS.length);
  });

  it('refuses IMAP login on the 143-style port without STARTTLS', async () => {
    // Dovecot would treat plaintext loopback as secure; dovecot.ts closes that hole (see passdb there).
    const client = imapClient(servers.users.alice, { port: servers.imapStarttlsPort, secure: false, doSTARTTLS: false });
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
    client.close();
  });

  it('submits over implicit TLS (465-style) and delivers to bob', async () => {
    const subject = `implicit TLS ${Date.now()}`;
    const info = await smtpTransport(servers.smtpPort, { secure: true, auth: servers.users.alice }).sendMail({
      from: servers.users.alice.address, to: servers.users.bob.address, subject, text: 'Hello Bob',
    });
    expect(info.accepted).toEqual([servers.users.bob.address]);
    expect(await waitForBobSubject(subject)).toBe(true);
  }, 20_000);

  it('submits with STARTTLS required (587-style) and delivers to bob', async () => {
    const subject = `STARTTLS ${Date.now()}`;
    const info = await smtpTransport(servers.submissionPort, { secure: false, requireTLS: true, auth: servers.users.alice })
      .sendMail({ from: servers.users.alice.address, to: servers.users.bob.address, subject, text: 'Hello again' });
    expect(info.accepted).toEqual([servers.users.bob.address]);
    expect(await waitForBobSubject(subject)).toBe(true);
  }, 20_000);

  it('refuses submission on the 587-style port without STARTTLS', async () => {
    // Speaks the protocol by hand rather than through a client told to skip TLS: the point is what
    // the server says to a login attempt in clear, and no credential is ever sent.
    const replies = await smtpDialogue(servers.submissionPort, ['EHLO test.example', 'AUTH PLAIN', 'QUIT']);
    const lines = replies.join('\n').split('\n');
    expect(lines.some((line) => /^250[ -]STARTTLS/.test(line))).toBe(true);
    expect(lines.some((line) => /^250[ -]AUTH/.test(line))).toBe(false);
    expect(lines).toContainEqual(expect.stringMatching(/^530 .*STARTTLS/i));
  });

  it('refuses a wrong password over IMAP and SMTP', async () => {
    const wrong: TestUser = { address: servers.users.alice.address, password: 'not-the-password' };
    const client = imapClient(wrong);
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
    client.close();
    await expect(smtpTransport(servers.smtpPort, { secure: true, auth: wrong }).verify()).rejects.toMatchObject({ code: 'EAUTH' });
  });

  it('refuses mail from unauthenticated clients', async () => {
    await expect(smtpTransport(servers.smtpPort, { secure: true }).sendMail({
      from: servers.users.alice.address, to: servers.users.bob.address, subject: 'anonymous', text: 'x',
    })).rejects.toMatchObject({ responseCode: 554 });
  });

  it('rejects other domains at RCPT, so nothing is relayed off the machine', async () => {
    const send = smtpTransport(servers.smtpPort, { secure: true, auth: servers.users.alice }).sendMail({
      from: servers.users.alice.address, to: 'someone@elsewhere.invalid', subject: 'must not leave', text: 'x',
    });
    await expect(send).rejects.toMatchObject({ code: 'EENVELOPE', responseCode: 554 });
    await expect(send).rejects.toThrow(/Relay access denied/);
  });

  it('round-trips the servers info file without the stop function', async () => {
    const file = `${servers.dir}/info.json`;
    writeServersInfo(servers, file);
    const info = readServersInfo(file);
    const { stop: _stop, ...expected } = servers;
    expect(info).toEqual(expected);
    expect(info.oauth).toMatchObject({ clientId: 'sealmail-test', issuer: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('refuses an info file whose authorization server is missing or not https: on loopback', () => {
    const file = `${servers.dir}/info-bad-oauth.json`;
    writeServersInfo(servers, file);
    const good = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const oauth of [undefined, { ...servers.oauth, tokenEndpoint: servers.oauth.tokenEndpoint.replace('https:', 'http:') }]) {
      writeFileSync(file, JSON.stringify({ ...good, oauth }));
      expect(() => readServersInfo(file)).toThrow(/not a mail servers info file/);
    }
  });
});

/** Sends each command after the previous reply (greeting first) and collects the replies, bounded in time. */
function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    let pending = '';
    const queue = [...commands];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete SMTP dialogue; got ${JSON.stringify(replies)}`));
    }, 10_000);
    socket.on('data', (data) => {
      pending += data.toString('latin1');
      // A reply is complete at a line whose code is followed by a space (RFC 5321 section 4.2).
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      const last = lines[lines.length - 1];
      if (!lines.length) return;
      replies.push(lines.join('\n'));
      if (last && /^\d{3} /.test(last)) {
        const next = queue.shift();
        if (next) socket.write(`${next}\r\n`);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(replies);
    });
    socket.on('error', reject);
  });
}
