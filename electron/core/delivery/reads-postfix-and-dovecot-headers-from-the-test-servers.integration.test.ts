/**
 * Against the real Postfix and Dovecot: a message alice submits over TLS arrives in bob's inbox with
 * the Received fields those servers really write, and Sealmail reads them as one TLS submission
 * from loopback and one LMTP delivery inside the machine, both written by bob's provider.
 */
import nodemailer from 'nodemailer';
import { describe, expect, inject, it } from 'vitest';
import { sourceOf } from '../../../e2e/support/mailbox';
import { readDeliveryReport } from './read-delivery-report';

const servers = inject('mailServers');
const { alice, bob } = servers.users;
/** What providerHosts() gives for a test account: the IMAP and SMTP host, and the address's domain. */
const PROVIDER = { hosts: [servers.host, bob.address.split('@')[1]!] };

async function sendAndFetch(port: number, secure: boolean, extra: { headers?: Record<string, string> } = {}): Promise<string> {
  const subject = `delivery hops ${port} ${Date.now()}`;
  const transport = nodemailer.createTransport({
    host: servers.host, port, secure, requireTLS: !secure,
    auth: { user: alice.address, pass: alice.password },
    tls: { ca: [servers.caCertPem] },
  });
  try {
    await transport.sendMail({ from: alice.address, to: bob.address, subject, text: 'Which way did I come?', ...extra });
  } finally {
    transport.close();
  }
  const source = await sourceOf(servers, bob, subject);
  if (source === null) throw new Error(`"${subject}" never reached bob's inbox`);
  return source;
}

const sentJustNow = (time: string | null) => time !== null && Math.abs(Date.parse(time) - Date.now()) < 5 * 60_000;

describe('Received fields the test servers write', () => {
  for (const [name, secure] of [['implicit TLS', true], ['STARTTLS', false]] as const) {
    it(`reads Postfix's TLS submission over ${name} and Dovecot's LMTP delivery, both internal and trusted`, async () => {
      const source = await sendAndFetch(secure ? servers.smtpPort : servers.submissionPort, secure);
      const report = readDeliveryReport(source, PROVIDER);
      expect(report.hops).toEqual([
        {
          from: '[127.0.0.1]', fromIp: '127.0.0.1', by: 'mail.example.test', protocol: 'ESMTPSA',
          tls: 'tls', tlsVersion: 'TLS 1.3', cipher: expect.stringMatching(/^TLS_(AES|CHACHA20)_\w+$/), time: expect.any(String),
          internal: true, trusted: true, unreadable: null,
        },
        {
          from: 'mail.example.test', fromIp: null, by: 'mail.example.test', protocol: 'LMTP',
          tls: 'none', tlsVersion: null, cipher: null, time: expect.any(String),
          internal: true, trusted: true, unreadable: null,
        },
      ]);
      expect(report.hops.every((hop) => sentJustNow(hop.time))).toBe(true);
      expect(report).toMatchObject({ verdict: 'tls-every-hop', withoutTls: 0, unknown: 0, claimed: 0 });
      // The same bytes as a Buffer, as the store hands them over.
      expect(readDeliveryReport(Buffer.from(source), PROVIDER)).toEqual(report);
    });
  }

  it('keeps a Received field the sender wrote into its own message a claim, below Postfix\'s', async () => {
    const forged = 'from relay.example.net (relay.example.net [203.0.113.5]) by mail.example.test (Postfix) with ESMTP id FORGED; Thu, 1 Jan 2026 10:00:00 +0000';
    const report = readDeliveryReport(await sendAndFetch(servers.smtpPort, true, { headers: { Received: forged } }), PROVIDER);
    expect(report.hops.map((hop) => [hop.by, hop.protocol, hop.trusted])).toEqual([
      ['mail.example.test', 'ESMTP', false],
      ['mail.example.test', 'ESMTPSA', true],
      ['mail.example.test', 'LMTP', true],
    ]);
    expect(report).toMatchObject({ verdict: 'hops-without-tls', withoutTls: 1, claimed: 1 });
  });

  it('trusts none of it for someone whose provider is elsewhere', async () => {
    const report = readDeliveryReport(await sendAndFetch(servers.smtpPort, true), { hosts: ['imap.example.net', 'example.net'] });
    expect(report.hops.map((hop) => hop.trusted)).toEqual([false, false]);
    expect(report.claimed).toBe(2);
  });
});
