/**
 * `sealmail probe imap|smtp HOST:PORT`: connects with exactly the app's TLS policy and reports how
 * the connection is protected (TLS version, cipher, implicit TLS or STARTTLS, certificate), or why it
 * was refused. With --user it also logs in, the password coming from SEALMAIL_PASSWORD or a prompt
 * on a terminal, never from argv. Exit 0 secure (and logged in, if asked), 1 refused, 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ServerEndpoint } from '../../shared/domain';
import { SealmailError, type CertificateSummary } from '../../shared/errors';
import { emailAddress, endpointInput } from '../../shared/inputs';
import type { ConnectionPosture, MailProtocol } from '../../shared/transport-types';
import { verifySubmission } from '../core/mail/send-message';
import { ImapSession } from '../core/transport/imap-session';
import { inspectServer } from '../core/transport/tls-inspect';
import type { TrustSettings } from '../core/transport/tls-policy';
import { EXIT_OK, EXIT_REFUSED, type CliCommand, usageError } from './run-cli';
import { promptSecret } from './secret-prompt';

const usage = 'probe imap|smtp HOST:PORT [--ca FILE] [--starttls] [--pin SHA256] [--user ADDR] [--json]';

/** Ports where STARTTLS is the norm (RFC 9051 143, RFC 6409 587); everything else is implicit TLS. */
const STARTTLS_PORTS = new Set([143, 587]);

interface ProbeReport {
  ok: boolean;
  code: string | null;
  message: string;
  protocol: MailProtocol;
  host: string;
  port: number;
  tls: { version: string; cipher: string; mode: 'implicit' | 'starttls' } | null;
  certificate: CertificateSummary | null;
  trust: 'ca' | 'pinned' | null;
  login: { user: string; ok: boolean } | null;
}

export const probeCommand: CliCommand = {
  summary: 'show how a server connection is protected, or why it is refused',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          ca: { type: 'string', multiple: true },
          starttls: { type: 'boolean', default: false },
          pin: { type: 'string' },
          user: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    const { values, positionals } = parsed;
    const [protocol, target, ...extra] = positionals;
    if (protocol !== 'imap' && protocol !== 'smtp') return usageError(io, usage, 'say imap or smtp first');
    if (!target || extra.length > 0) return usageError(io, usage, 'give one HOST:PORT');
    const match = /^(.+):(\d{1,5})$/.exec(target);
    const port = match ? Number(match[2]) : Number.NaN;
    const endpoint = endpointInput.safeParse({
      host: match?.[1]?.replace(/^\[|\]$/g, ''),
      port,
      security: values.starttls || STARTTLS_PORTS.has(port) ? 'starttls' : 'tls',
      pinnedFingerprint256: values.pin,
    });
    if (!endpoint.success) return usageError(io, usage, `${target}: ${endpoint.error.issues[0]?.message ?? 'not HOST:PORT'}`);
    if (values.user !== undefined && !emailAddress.safeParse(values.user).success) return usageError(io, usage, `--user: ${values.user} is not an address`);

    let extraTrustAnchors: string[];
    try {
      extraTrustAnchors = await Promise.all((values.ca ?? []).map((file) => readFile(file, 'utf8')));
    } catch (error) {
      return usageError(io, usage, `--ca: ${(error as Error).message}`);
    }
    let password: string | null = null;
    if (values.user !== undefined) {
      password = io.env.SEALMAIL_PASSWORD || (await promptSecret(`Password for ${values.user}: `));
      if (!password) return usageError(io, usage, 'set SEALMAIL_PASSWORD (or run on a terminal) to log in with --user');
    }

    const report = await probe(protocol, endpoint.data, { extraTrustAnchors }, values.user && password ? { user: values.user, pass: password } : null);
    if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else (report.ok ? io.stdout : io.stderr).write(describe(report));
    return report.ok ? EXIT_OK : EXIT_REFUSED;
  },
};

async function probe(protocol: MailProtocol, endpoint: ServerEndpoint, trust: TrustSettings, credentials: { user: string; pass: string } | null): Promise<ProbeReport> {
  const base = { protocol, host: endpoint.host, port: endpoint.port, login: null };
  let posture: ConnectionPosture;
  try {
    posture = (await inspectServer(protocol, endpoint, trust)).posture;
  } catch (error) {
    const refused = asSealmailError(error);
    return { ...base, ok: false, code: refused.code, message: refused.message, tls: null, certificate: refused.certificate ?? null, trust: null };
  }
  const secure = {
    ...base,
    tls: { version: posture.tlsVersion, cipher: posture.cipher, mode: posture.security === 'tls' ? ('implicit' as const) : ('starttls' as const) },
    certificate: posture.certificate,
    trust: posture.trust,
  };
  if (!credentials) return { ...secure, ok: true, code: null, message: 'The connection is secure.' };
  try {
    if (protocol === 'imap') await ImapSession.verify(endpoint, credentials, trust);
    else await verifySubmission(endpoint, credentials, trust);
    return { ...secure, ok: true, code: null, message: `The connection is secure and ${credentials.user} logged in.`, login: { user: credentials.user, ok: true } };
  } catch (error) {
    const refused = asSealmailError(error);
    return { ...secure, ok: false, code: refused.code, message: refused.message, login: { user: credentials.user, ok: false } };
  }
}

function asSealmailError(error: unknown): SealmailError {
  return error instanceof SealmailError ? error : new SealmailError('INTERNAL', String((error as Error)?.message ?? error));
}

function describe(report: ProbeReport): string {
  const lines = [`${report.protocol.toUpperCase()} ${report.host}:${report.port}: ${report.ok ? 'secure' : `refused (${report.code})`}`, `  ${report.message}`];
  if (report.tls) lines.push(`  TLS          ${report.tls.version}, ${report.tls.cipher}, ${report.tls.mode === 'implicit' ? 'implicit TLS' : 'STARTTLS (required)'}`);
  const certificate = report.certificate;
  if (certificate) {
    lines.push(
      `  Certificate  ${certificate.subject}`,
      `  Issuer       ${certificate.issuer}`,
      `  SHA-256      ${certificate.fingerprint256}`,
      `  Valid        ${certificate.validFrom} to ${certificate.validTo}`,
    );
  }
  if (report.trust) lines.push(`  Trust        ${report.trust === 'ca' ? 'a trusted authority vouches for it' : 'pinned by you'}`);
  if (certificate?.pinnable && !report.ok) lines.push(`  To trust this exact certificate: --pin ${certificate.fingerprint256}`);
  if (report.login) lines.push(`  Login        ${report.login.user} ${report.login.ok ? 'accepted' : 'refused'}`);
  return `${lines.join('\n')}\n`;
}

