/**
 * `sealmail lookup` against the real directory (slapd) and the loopback DNS world: what each source
 * has for an address, with what it refused and why; nothing is stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli } from './run-cli';

const dns = inject('dnsWorld');
const directory = inject('ldapDirectory');
const root = mkdtempSync(join(tmpdir(), 'sealmail-lookup-'));
const caFile = join(root, 'directory-ca.pem');
writeFileSync(caFile, directory.caCertPem);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

const resolver = `${dns.resolver.host}:${dns.resolver.port}`;
const ldap = ['--ldap', directory.ldapsUrl, '--base-dn', directory.baseDn, '--bind-dn', directory.bindDn, '--ca', caFile];

describe('sealmail lookup', () => {
  it('finds both of frank’s certificates in the directory and says DNS has none', async () => {
    const { code, stdout } = await cli(['lookup', 'frank@example.test', ...ldap, '--dns', resolver, '--json'], { SEALMAIL_LDAP_PASSWORD: directory.bindPassword });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.sources[0]).toMatchObject({ source: 'directory', asked: true, problems: [] });
    expect(report.sources[0].found.map((c: { emails: string[] }) => c.emails)).toEqual([['frank@example.test'], ['frank@example.test']]);
    expect(report.sources[1]).toMatchObject({ source: 'dns', asked: true, found: [] });
  });

  it('finds carol by SMIMEA with the words "published by the domain", and names what a bogus record is', async () => {
    const carol = await cli(['lookup', dns.smimea.carol.address, '--dns', resolver]);
    expect(carol.stdout).toContain('Directory (LDAP): not asked');
    expect(carol.stdout).toContain('DNS (SMIMEA): 1 found');
    expect(carol.stdout).toContain('published by the domain');
    const dave = await cli(['lookup', dns.smimea.dave.address, '--dns', resolver]);
    expect(dave.stdout).toContain('DNS (SMIMEA): none found');
    expect(dave.stdout).toMatch(/refused: .*badly signed/);
  });

  it('refuses a plain ldap:// address unless StartTLS is asked for, before connecting', async () => {
    const { code, stderr } = await cli(['lookup', 'frank@example.test', '--ldap', directory.starttlsUrl, '--base-dn', directory.baseDn, '--dns', resolver]);
    expect(code).toBe(2);
    expect(stderr).toContain('never in clear');
  });

  it('says a certificate for another address was refused', async () => {
    const { stdout } = await cli(['lookup', 'grace@example.test', ...ldap, '--dns', resolver], { SEALMAIL_LDAP_PASSWORD: directory.bindPassword });
    expect(stdout).toContain('Directory (LDAP): none found');
    expect(stdout).toMatch(/refused: .*grace@example\.test/);
  });
});
