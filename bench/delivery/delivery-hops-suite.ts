/**
 * Delivery-hop figure for `npm run bench`: the p95 time to read the delivery report of one message
 * (3 to 12 Received fields in the formats real MTAs write, beside DKIM, ARC and the usual fields,
 * and a body), against mailparser's parse of the same message's header block.
 */
import { MailParser } from 'mailparser';
import { readDeliveryReport } from '../../electron/core/delivery/read-delivery-report';
import { DOVECOT, EXIM, GMAIL, MICROSOFT, OPENSMTPD, POSTFIX, SENDMAIL } from '../../electron/core/delivery/testing/received-samples';
import { figure, percentile, type BenchSuite } from '../figure';

const PROVIDER = { hosts: ['imap.example.org', 'smtp.example.org', 'example.org'] };
const TOPS = [DOVECOT.lmtp, DOVECOT.lmtps, DOVECOT.local, GMAIL.store];
const MIDDLES = [
  POSTFIX.tls13, POSTFIX.tls12, POSTFIX.clear, POSTFIX.authenticatedClear, POSTFIX.authenticatedTls, POSTFIX.pickup,
  EXIM.tls13, EXIM.tls12, EXIM.openssl12, EXIM.local, MICROSOFT.outbound, MICROSOFT.frontend, MICROSOFT.internal, MICROSOFT.mapi,
  GMAIL.mx, GMAIL.mxFromOutside, GMAIL.origin, SENDMAIL.tls13, OPENSMTPD.tls13,
];

/** A deterministic generator, so every run measures the same messages. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

function message(pick: (n: number) => number, index: number): Buffer {
  const count = 3 + pick(10);
  const received = [TOPS[pick(TOPS.length)]!, ...Array.from({ length: count - 1 }, () => MIDDLES[pick(MIDDLES.length)]!)];
  const b64 = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + index) % 256)).toString('base64');
  const body = Array.from({ length: 10 + pick(60) }, (_, line) => `Line ${line} of message ${index}: the quick brown fox jumps over the lazy dog.`).join('\r\n');
  const lines = [
    'Return-Path: <a@example.com>',
    'Delivered-To: u@example.org',
    ...received.map((field) => `Received: ${field}`),
    'Authentication-Results: mx.example.org; dkim=pass header.d=example.com header.s=s1 header.b=AbCdEf12;\r\n\tspf=pass (mx.example.org: domain of a@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=a@example.com;\r\n\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
    `ARC-Seal: i=1; a=rsa-sha256; t=1796292000; cv=none; d=example.org; s=arc;\r\n\tb=${b64(180).replace(/(.{70})/g, '$1\r\n\t')}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; t=1796292000;\r\n\th=from:to:subject:date:message-id; bh=${b64(32)};\r\n\tb=${b64(256).replace(/(.{70})/g, '$1\r\n\t')}`,
    'From: =?UTF-8?Q?Ann=C3=A9e_Example?= <a@example.com>',
    'To: User <u@example.org>',
    `Subject: =?UTF-8?B?${Buffer.from(`Quarterly report ${index} – draft`).toString('base64')}?=`,
    'Date: Tue, 1 Dec 2026 09:59:40 +0000',
    `Message-ID: <${index}.bench@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ];
  return Buffer.from(lines.join('\r\n'));
}

/**
 * mailparser's cheapest honest header parse: its MailParser stream, given the whole message and
 * stopped at its 'headers' event, which fires once the header block is split, unfolded and decoded
 * (simpleParser would go on to decode the body).
 */
function mailparserHeaders(raw: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser();
    parser.once('headers', () => {
      parser.destroy();
      resolve();
    });
    parser.once('error', reject);
    parser.end(raw);
  });
}

/** Mean milliseconds of `runs` calls of `work`. */
async function perMessage(runs: number, work: () => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await work();
  return (performance.now() - start) / runs;
}

export const deliveryHopsSuite: BenchSuite = {
  name: 'delivery',
  async run({ small, log }) {
    const count = small ? 20 : 200;
    const runs = small ? 3 : 20;
    const pick = generator(15);
    const messages = Array.from({ length: count }, (_, i) => message(pick, i));
    log(`${count} messages with 3-12 Received fields each, ${runs} runs per message`);
    for (const raw of messages) {
      readDeliveryReport(raw, PROVIDER);
      await mailparserHeaders(raw);
    }
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const raw of messages) {
      ours.push(await perMessage(runs, () => readDeliveryReport(raw, PROVIDER)));
      theirs.push(await perMessage(runs, () => mailparserHeaders(raw)));
    }
    return [figure('delivery.hops.p95', percentile(ours, 95), 'ms/message', percentile(theirs, 95), "p95 at most mailparser's header parse")];
  },
};
