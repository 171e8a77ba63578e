/**
 * The few plaintext lines before STARTTLS, spoken by Sealmail itself when it inspects a server
 * (no credential is ever part of them): IMAP (RFC 9051 §6.2.1) greeting, CAPABILITY, STARTTLS;
 * SMTP (RFC 3207) greeting, EHLO, STARTTLS. Refuses a server that does not offer STARTTLS, that
 * answers it with anything but success, or that sends a byte after that answer (injection).
 */
import type { Socket } from 'node:net';
import { SealmailError } from '../../../shared/errors';
import type { MailProtocol } from '../../../shared/transport-types';

class LineReader {
  private buffer = '';
  private waiting: { resolve(line: string): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.once('close', () => this.fail(new SealmailError('HOST_UNREACHABLE', 'The server closed the connection before TLS started.')));
    socket.once('error', (error) => this.fail(error));
  }

  private readonly onData = (data: Buffer) => {
    this.buffer += data.toString('latin1');
    this.deliver();
  };

  private fail(error: Error) {
    this.failure ??= error;
    this.waiting?.reject(this.failure);
    this.waiting = null;
  }

  private deliver() {
    const newline = this.buffer.indexOf('\n');
    if (!this.waiting || newline < 0) return;
    const line = this.buffer.slice(0, newline).replace(/\r$/, '');
    this.buffer = this.buffer.slice(newline + 1);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve(line);
  }

  next(): Promise<string> {
    if (this.buffer.includes('\n')) {
      const newline = this.buffer.indexOf('\n');
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      return Promise.resolve(line);
    }
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Stops reading; returns whatever arrived after the last line read. */
  release(): string {
    this.socket.removeListener('data', this.onData);
    return this.buffer;
  }
}

const tlsRequired = (message: string) => new SealmailError('TLS_REQUIRED', message);

export async function negotiateStartTls(socket: Socket, protocol: MailProtocol, where: string): Promise<void> {
  const reader = new LineReader(socket);
  if (protocol === 'imap') await imapStartTls(socket, reader, where);
  else await smtpStartTls(socket, reader, where);
  const injected = reader.release();
  if (injected.length > 0) {
    throw tlsRequired(`${where} sent data after agreeing to STARTTLS and before the TLS handshake, as an attacker in the middle would; Sealmail stopped before sending anything.`);
  }
}

async function imapStartTls(socket: Socket, reader: LineReader, where: string): Promise<void> {
  const greeting = await reader.next();
  if (/^\* PREAUTH/i.test(greeting)) throw tlsRequired(`${where} logged Sealmail in before TLS (PREAUTH); Sealmail will not use an unencrypted session.`);
  if (!/^\* OK/i.test(greeting)) throw new SealmailError('PROTOCOL_ERROR', `${where} did not greet like an IMAP server: ${greeting.slice(0, 120)}`);
  socket.write('S1 CAPABILITY\r\n');
  let capabilities = '';
  for (let line = await reader.next(); !line.startsWith('S1 '); line = await reader.next()) {
    if (/^\* CAPABILITY /i.test(line)) capabilities += ` ${line.slice(13)} `;
  }
  if (!/ STARTTLS /i.test(capabilities)) {
    throw tlsRequired(`${where} does not offer STARTTLS, so it would take your password in clear; Sealmail sent nothing.`);
  }
  socket.write('S2 STARTTLS\r\n');
  let answer = await reader.next();
  while (!answer.startsWith('S2 ')) answer = await reader.next();
  if (!/^S2 OK\b/i.test(answer)) throw tlsRequired(`${where} refused STARTTLS (${answer.slice(3, 120)}); Sealmail sent nothing.`);
}

/** Reads one SMTP reply (RFC 5321 §4.2: lines "250-…" then a last "250 …"). */
async function smtpReply(reader: LineReader): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  for (;;) {
    const line = await reader.next();
    lines.push(line);
    if (!/^\d{3}-/.test(line)) return { code: Number(line.slice(0, 3)) || 0, lines };
  }
}

async function smtpStartTls(socket: Socket, reader: LineReader, where: string): Promise<void> {
  const greeting = await smtpReply(reader);
  if (greeting.code !== 220) throw new SealmailError('PROTOCOL_ERROR', `${where} did not greet like an SMTP server: ${greeting.lines[0]?.slice(0, 120)}`);
  // An address literal (RFC 5321 §4.1.3) names this side without revealing a host name.
  const local = socket.localAddress ?? '127.0.0.1';
  socket.write(`EHLO [${local.includes(':') ? `IPv6:${local}` : local}]\r\n`);
  const ehlo = await smtpReply(reader);
  if (ehlo.code !== 250) throw new SealmailError('PROTOCOL_ERROR', `${where} refused EHLO: ${ehlo.lines[0]?.slice(0, 120)}`);
  if (!ehlo.lines.some((line) => /^250[ -]STARTTLS\b/i.test(line))) {
    throw tlsRequired(`${where} does not offer STARTTLS, so it would take your password in clear; Sealmail sent nothing.`);
  }
  socket.write('STARTTLS\r\n');
  const answer = await smtpReply(reader);
  if (answer.code !== 220) throw tlsRequired(`${where} refused STARTTLS (${answer.lines[0]?.slice(0, 120)}); Sealmail sent nothing.`);
}
