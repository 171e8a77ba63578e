// IMAP and SMTP clients that log in to the test mail servers with an OAuth 2.0 access token, for the
// integration tests here; TLS is verified against the test CA only.
import { connect as tlsConnect } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import type { MailServersInfo } from '../mail-servers.js';

type Servers = Pick<MailServersInfo, 'host' | 'imapPort' | 'smtpPort' | 'caCertPem'>;

export function imapWithToken(servers: Servers, address: string, accessToken: string, overrides: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: servers.host, port: servers.imapPort, secure: true,
    auth: { user: address, accessToken },
    tls: { ca: [servers.caCertPem] },
    logger: false,
    ...overrides,
  });
}

/** Connects, runs `work`, logs out; a refused login rejects with imapflow's `authenticationFailed`. */
export async function withImap<T>(client: ImapFlow, work: (c: ImapFlow) => Promise<T>): Promise<T> {
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Submission over implicit TLS (465-style) with XOAUTH2; nodemailer has no way to renew the token. */
export function smtpWithToken(servers: Servers, address: string, accessToken: string) {
  return nodemailer.createTransport({
    host: servers.host, port: servers.smtpPort, secure: true,
    auth: { type: 'OAuth2', user: address, accessToken },
    tls: { ca: [servers.caCertPem] },
  });
}

/** The EHLO reply of the implicit-TLS submission port, its lines without the "250-" prefix. */
export function ehloAfterTls(servers: Servers): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: servers.host, port: servers.smtpPort, ca: [servers.caCertPem] });
    let text = '';
    let sentEhlo = false;
    const timer = setTimeout(() => socket.destroy(new Error(`no EHLO reply; got ${JSON.stringify(text)}`)), 10_000);
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      text += data;
      const lines = text.split('\r\n');
      // A reply is complete at a line whose code is followed by a space (RFC 5321 §4.2).
      const complete = lines.some((line) => /^\d{3} /.test(line));
      if (!complete) return;
      if (!sentEhlo) {
        sentEhlo = true;
        text = '';
        socket.write('EHLO test.example\r\n');
        return;
      }
      clearTimeout(timer);
      socket.end('QUIT\r\n');
      resolve(lines.filter((line) => line.startsWith('250')).map((line) => line.slice(4)));
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
