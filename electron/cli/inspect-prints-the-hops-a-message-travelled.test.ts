/**
 * `sealmail inspect` prints how a message travelled beside its verdict: every hop of its Received
 * chain, oldest first, with the TLS it says, and which hops the given --provider hosts wrote.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from './run-cli';

const root = mkdtempSync(join(tmpdir(), 'sealmail-inspect-hops-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const message = [
  'Received: from mx.example.org by imap.example.org with LMTP id Ab12Cd (envelope-from <carol@sender.example>) for <alice@example.org>; Tue, 1 Dec 2026 10:00:05 +0000',
  'Received: from mail.sender.example (mail.sender.example [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.org (Postfix) with ESMTPS id 4Qabc for <alice@example.org>; Tue, 1 Dec 2026 10:00:04 +0000',
  'Received: from laptop.sender.example (laptop.sender.example [198.51.100.7]) by mail.sender.example (Postfix) with ESMTP id 4Qxyz; Tue, 1 Dec 2026 10:00:01 +0000',
  'From: Carol <carol@sender.example>',
  'To: alice@example.org',
  'Subject: Hops',
  'Date: Tue, 1 Dec 2026 10:00:00 +0000',
  '',
  'Hello.',
  '',
].join('\r\n');

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: {}, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

it('prints the hops in travel order with their TLS, and marks those before the provider as claimed', async () => {
  const path = join(root, 'hops.eml');
  writeFileSync(path, message);
  const { code, stdout } = await cli(['inspect', path, '--provider', 'imap.example.org', '--provider', 'example.org', '--json']);
  expect(code).toBe(0);
  const { delivery } = JSON.parse(stdout);
  expect(delivery.verdict).toBe('hops-without-tls');
  expect(delivery.withoutTls).toBe(1);
  expect(delivery.claimed).toBe(1);
  expect(delivery.hops.map((hop: { from: string; by: string; tls: string; trusted: boolean }) => [hop.from, hop.by, hop.tls, hop.trusted])).toEqual([
    ['laptop.sender.example', 'mail.sender.example', 'none', false],
    ['mail.sender.example', 'mx.example.org', 'tls', true],
    ['mx.example.org', 'imap.example.org', 'none', true],
  ]);
  expect(delivery.hops[1].tlsVersion).toBe('TLS 1.3');

  const text = await cli(['inspect', path, '--provider', 'example.org']);
  expect(text.stdout).toContain('Delivery: some hops without TLS (1 without TLS), 3 hops, 1 claimed');
  expect(text.stdout).toContain('1. laptop.sender.example [198.51.100.7] -> mail.sender.example (ESMTP): no TLS (claimed)');
  expect(text.stdout).toContain('2. mail.sender.example [192.0.2.10] -> mx.example.org (ESMTPS): TLS 1.3 TLS_AES_256_GCM_SHA384 (your provider)');
});

it('without --provider every hop is only a claim', async () => {
  const path = join(root, 'hops-no-provider.eml');
  writeFileSync(path, message);
  const { stdout } = await cli(['inspect', path, '--json']);
  const { delivery } = JSON.parse(stdout);
  expect(delivery.claimed).toBe(3);
  expect(delivery.hops.every((hop: { trusted: boolean }) => !hop.trusted)).toBe(true);
});
