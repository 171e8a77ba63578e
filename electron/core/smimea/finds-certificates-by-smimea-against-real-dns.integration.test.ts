// lookupSmimea against the loopback DNS world (BIND serving the signed test. zone, unbound
// validating it on 127.0.0.2): carol's SMIMEA record is secure and found, dave's is badly signed,
// erin's sits in an unsigned zone, nobody has none.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DnsClient } from '../transport-policy/dns-client';
import { lookupSmimea } from './lookup-smimea';
import { smimeaOwner } from './smimea-name';
import { smimeaOwner as worldOwner } from '../../../e2e/servers/dns/test-zone';

const world = inject('dnsWorld');
const dns = new DnsClient({ resolvers: [world.resolver], timeoutMs: 5_000 });

describe('lookupSmimea against real DNS', () => {
  it('asks at the same owner name the world published under', () => {
    for (const { address } of Object.values(world.smimea)) expect(`${smimeaOwner(address)!.name}.`).toBe(worldOwner(address));
  });

  it('finds carol\'s DANE-EE certificate in the validated answer, and OpenSSL decrypts what is encrypted to it with her key', async () => {
    const carol = world.smimea.carol;
    const result = await lookupSmimea(dns, carol.address);
    expect(result.problems).toEqual([]);
    expect(result.dnssec).toBe('secure');
    expect(result.found).toHaveLength(1);
    expect(result.found[0]).toMatchObject({ usage: 3, wording: 'published by the domain' });
    expect(result.found[0]!.der.equals(new X509Certificate(carol.certPem).raw)).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'sealmail-smimea-'));
    try {
      const found = join(dir, 'found.pem');
      const key = join(dir, 'carol.key');
      writeFileSync(found, new X509Certificate(result.found[0]!.der).toString());
      writeFileSync(key, carol.keyPem, { mode: 0o600 });
      const message = 'Content-Type: text/plain\r\n\r\nfor carol only\r\n';
      const encrypted = execFileSync('openssl', ['cms', '-encrypt', '-aes-256-cbc', '-recip', found], { input: message });
      const decrypted = execFileSync('openssl', ['cms', '-decrypt', '-inkey', key], { input: encrypted });
      expect(decrypted.toString()).toBe(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses dave\'s badly signed record', async () => {
    expect(await lookupSmimea(dns, world.smimea.dave.address)).toEqual({
      found: [], dnssec: 'bogus', problems: ['the SMIMEA record of dave@bogus.test is badly signed: not trusted'],
    });
  });

  it('ignores erin\'s record from the unsigned zone', async () => {
    expect(await lookupSmimea(dns, world.smimea.erin.address)).toEqual({
      found: [], dnssec: 'insecure', problems: ['the SMIMEA record of erin@insecure.test is not DNSSEC-validated, so it is ignored'],
    });
  });

  it('finds nothing, and says nothing, for an address that publishes no SMIMEA record', async () => {
    expect(await lookupSmimea(dns, 'nobody@dane.test')).toEqual({ found: [], dnssec: 'secure', problems: [] });
  });
});
