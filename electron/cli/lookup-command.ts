/**
 * `sealmail lookup ADDRESS [--ldap URL --base-dn DN [--bind-dn DN] [--starttls]] [--dns HOST:PORT]
 * [--ca FILE] [--json]`: what each source has for a correspondent's certificate: the LDAP directory
 * given (LDAPS, or ldap:// with StartTLS required; the bind password from SEALMAIL_LDAP_PASSWORD)
 * and SMIMEA in DNS (through the system's resolvers or --dns; DNSSEC believed only from a resolver
 * on this machine). It stores nothing. Exit 0 when the sources were asked, 2 for a usage error.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CertificateView } from '../../shared/certificates';
import { emailAddress } from '../../shared/inputs';
import { lookupInDirectory } from '../core/directory/lookup-in-directory';
import { checkDirectorySettings, type DirectorySettings } from '../core/directory/directory-settings';
import { describeCertificate } from '../core/keystore/describe-certificate';
import { systemClock } from '../core/ports';
import { lookupSmimea } from '../core/smimea/lookup-smimea';
import { DnsClient } from '../core/transport-policy/dns-client';
import { systemResolvers } from '../core/transport-policy/system-resolvers';
import { EXIT_OK, type CliCommand, usageError } from './run-cli';

const usage = 'lookup ADDRESS [--ldap URL --base-dn DN [--bind-dn DN] [--starttls]] [--dns HOST:PORT] [--ca FILE] [--json]';

interface SourceReport {
  source: 'directory' | 'dns';
  asked: boolean;
  found: (CertificateView & { wording?: string })[];
  problems: string[];
}

export const lookupCommand: CliCommand = {
  summary: "show what the directory and DNS (SMIMEA) have for someone's certificate; stores nothing",
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          ldap: { type: 'string' },
          'base-dn': { type: 'string' },
          'bind-dn': { type: 'string' },
          starttls: { type: 'boolean', default: false },
          dns: { type: 'string' },
          ca: { type: 'string', multiple: true },
          json: { type: 'boolean', default: false },
        },
      });
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    const { values, positionals } = parsed;
    const [address, ...extra] = positionals;
    if (!address || extra.length > 0) return usageError(io, usage, 'give exactly one address.');
    if (!emailAddress.safeParse(address).success) return usageError(io, usage, `"${address}" is not an e-mail address.`);
    let resolvers = systemResolvers();
    if (values.dns) {
      const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(values.dns);
      if (!match) return usageError(io, usage, `--dns takes HOST:PORT, not "${values.dns}".`);
      resolvers = [{ host: match[1]!, port: Number(match[2]) }];
    }
    let directory: DirectorySettings | null = null;
    if (values.ldap) {
      if (!values['base-dn']) return usageError(io, usage, '--ldap needs --base-dn.');
      const password = io.env.SEALMAIL_LDAP_PASSWORD;
      directory = {
        url: values.ldap,
        security: values.starttls ? 'starttls' : 'ldaps',
        baseDn: values['base-dn'],
        ...(values['bind-dn'] ? { bindDn: values['bind-dn'] } : {}),
        ...(password ? { bindPassword: password } : {}),
      };
      const check = checkDirectorySettings(directory);
      if (!check.ok) return usageError(io, usage, check.problem);
    }
    let extraTrustAnchors: string[];
    try {
      extraTrustAnchors = await Promise.all((values.ca ?? []).map((file) => readFile(file, 'utf8')));
    } catch (error) {
      return usageError(io, usage, `--ca: ${(error as Error).message}`);
    }

    const now = systemClock.now();
    const view = (der: Buffer) => describeCertificate(new X509Certificate(der), now);
    const dns = new DnsClient({ resolvers: resolvers.length > 0 ? resolvers : [{ host: '127.0.0.1', port: 53 }] });
    const [fromDirectory, fromDns] = await Promise.all([
      directory ? lookupInDirectory(directory, address, { extraTrustAnchors }) : null,
      lookupSmimea(dns, address, { clock: () => now }),
    ]);
    const reports: SourceReport[] = [
      { source: 'directory', asked: fromDirectory !== null, found: (fromDirectory?.found ?? []).map(({ der }) => view(der)), problems: fromDirectory?.problems ?? [] },
      { source: 'dns', asked: true, found: fromDns.found.map(({ der, wording }) => ({ ...view(der), wording })), problems: fromDns.problems },
    ];
    io.stdout.write(values.json ? `${JSON.stringify({ address, sources: reports })}\n` : asText(address, reports));
    return EXIT_OK;
  },
};

const SOURCE_NAMES: Record<SourceReport['source'], string> = { directory: 'Directory (LDAP)', dns: 'DNS (SMIMEA)' };

function asText(address: string, reports: SourceReport[]): string {
  const lines = [`Certificates for ${address}:`];
  for (const report of reports) {
    if (!report.asked) {
      lines.push(`${SOURCE_NAMES[report.source]}: not asked (give --ldap URL --base-dn DN)`);
      continue;
    }
    lines.push(`${SOURCE_NAMES[report.source]}: ${report.found.length === 0 ? 'none found' : `${report.found.length} found`}`);
    for (const certificate of report.found) {
      lines.push(`  ${certificate.subject} · SHA-256 ${certificate.fingerprint256} · valid ${certificate.notBefore.slice(0, 10)} to ${certificate.notAfter.slice(0, 10)}${certificate.wording ? ` · ${certificate.wording}` : ''}`);
    }
    for (const problem of report.problems) lines.push(`  refused: ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}
