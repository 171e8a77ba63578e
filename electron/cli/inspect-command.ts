/**
 * `sealmail inspect MESSAGE.eml [--keystore DIR] [--ca FILE] [--provider HOST] [--at TIME] [--json]`:
 * the S/MIME verdict of a message as the app would show it, judged at the given time (default now),
 * and beside it how it travelled (the hops of its Received headers; those written by --provider's
 * hosts count as recorded by the user's provider, the rest as claims). Like the
 * app, it collects a valid signer's certificate into the keystore. Reading someone's signed mail
 * needs no keys of one's own: without a keystore (no --keystore, or none in DIR yet) signatures are
 * judged against the system roots and --ca, encrypted mail says it needs a certificate, nothing is
 * asked for, collected or written. Exit 0 whenever a verdict was made.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DeliveryHop, DeliveryReport } from '../../shared/delivery-types';
import type { SmimeVerdict } from '../../shared/smime-types';
import { readDeliveryReport } from '../core/delivery/read-delivery-report';
import { systemClock } from '../core/ports';
import { readCertificates } from '../core/smime/cms/certificate';
import { createSmimeService } from '../core/smime/create-smime-service';
import type { SecureMessage } from '../core/smime/read-secure-message';
import { NO_KEYSTORE_TO_READ } from '../core/smime/smime-service';
import { guard } from './keystore-command';
import { openKeystoreIfPresent } from './open-keystore';
import { EXIT_OK, type CliCommand, usageError } from './run-cli';

const usage = 'inspect MESSAGE.eml [--keystore DIR] [--ca FILE] [--provider HOST] [--at ISO-8601-TIME] [--json]';

export const inspectCommand: CliCommand = {
  summary: 'show the signature and encryption verdict of a message (SEALMAIL_PASSPHRASE when DIR has a keystore)',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { keystore: { type: 'string' }, ca: { type: 'string', multiple: true }, provider: { type: 'string', multiple: true }, at: { type: 'string' }, json: { type: 'boolean', default: false } } });
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    const [file, ...extra] = parsed.positionals;
    const { keystore: dir, ca, provider, at: atText, json } = parsed.values;
    if (!file || extra.length > 0) return usageError(io, usage, 'give exactly one message file.');
    const at = atText === undefined ? systemClock.now() : new Date(atText);
    if (Number.isNaN(at.getTime()) || (atText !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(atText))) {
      return usageError(io, usage, `--at wants an ISO 8601 time such as 2026-01-31T12:00:00Z, not '${atText}'.`);
    }
    // Anchors for this run only, as `npm run dev:web -- --ca FILE` trusts them for the app.
    let extraAnchors: string[];
    try {
      extraAnchors = await Promise.all((ca ?? []).map(readAnchors));
    } catch (error) {
      return usageError(io, usage, `--ca: ${(error as Error).message}`);
    }
    return guard(io, async () => {
      const raw = await readFile(file);
      const keystore = dir === undefined ? null : await openKeystoreIfPresent(dir, io);
      const result = await createSmimeService(keystore, systemClock, extraAnchors).read(raw, at);
      const delivery = readDeliveryReport(raw, { hosts: (provider ?? []).map((host) => host.toLowerCase()) });
      io.stdout.write(json ? `${JSON.stringify(asJson(result, delivery))}\n` : asText(result, delivery));
      return EXIT_OK;
    });
  },
};

/** A --ca file: PEM text holding one or more certificates; anything else is refused, not ignored. */
async function readAnchors(path: string): Promise<string> {
  const pem = await readFile(path, 'utf8');
  try {
    readCertificates(pem);
  } catch (error) {
    throw new Error(`${path} holds no readable PEM certificate (${(error as Error).message})`);
  }
  return pem;
}

/** The documented JSON shape: one object, stable for scripts. */
export function asJson(result: SecureMessage, delivery: DeliveryReport): Record<string, unknown> {
  const { signature, encryption } = result.verdict;
  return {
    from: result.from?.address ?? null,
    subject: result.subject,
    text: result.text,
    signature: {
      status: signature.status,
      signer: signature.signer ? { email: signature.signer.email, name: signature.signer.name, validation: signature.signer.validation, fingerprint256: signature.signer.fingerprint256 } : null,
      reason: signature.reason,
    },
    encryption: { status: encryption.status, algorithm: encryption.algorithm, reason: encryption.reason },
    delivery,
  };
}

const SIGNATURE_WORDS: Record<SmimeVerdict['signature']['status'], string> = {
  valid: 'valid',
  invalid: 'INVALID (altered or forged)',
  untrusted: 'not trusted',
  expired: 'certificate expired',
  revoked: 'certificate REVOKED',
  'address-mismatch': 'signed by someone else than the sender',
  'misleading-name': 'MISLEADING: the name shown is another address',
  weak: 'weak (SHA-1), not trusted',
  partial: 'only part of the message is signed',
  none: 'not signed',
  error: 'could not be checked',
};

const DELIVERY_WORDS: Record<DeliveryReport['verdict'], string> = {
  'tls-every-hop': 'TLS on every hop',
  'hops-without-tls': 'some hops without TLS',
  unknown: 'unknown',
};

function hopLine(hop: DeliveryHop, index: number): string {
  if (hop.unreadable) return `  ${index + 1}. unreadable: ${hop.unreadable}`;
  const tls = hop.tls === 'tls' ? `TLS${hop.tlsVersion ? ` ${hop.tlsVersion.replace(/^TLS /, '')}` : ''}${hop.cipher ? ` ${hop.cipher}` : ''}` : hop.tls === 'none' ? 'no TLS' : 'TLS not stated';
  const where = [hop.internal ? 'internal' : null, hop.trusted ? 'your provider' : 'claimed'].filter(Boolean).join(', ');
  return `  ${index + 1}. ${hop.from ?? '?'}${hop.fromIp ? ` [${hop.fromIp}]` : ''} -> ${hop.by ?? '?'}${hop.protocol ? ` (${hop.protocol})` : ''}: ${tls} (${where})${hop.time ? ` ${hop.time}` : ''}`;
}

function deliveryLines(delivery: DeliveryReport): string[] {
  const counts = delivery.verdict === 'hops-without-tls' ? ` (${delivery.withoutTls} without TLS)` : '';
  return [`Delivery: ${DELIVERY_WORDS[delivery.verdict]}${counts}, ${delivery.hops.length} hop${delivery.hops.length === 1 ? '' : 's'}, ${delivery.claimed} claimed`, ...delivery.hops.map(hopLine)];
}

function asText(result: SecureMessage, delivery: DeliveryReport): string {
  const { signature, encryption } = result.verdict;
  const lines = [`From: ${result.from ? `${result.from.name ? `${result.from.name} ` : ''}<${result.from.address}>` : '(none)'}`, `Subject: ${result.subject}`];
  let signatureLine = `Signature: ${SIGNATURE_WORDS[signature.status]}`;
  if (signature.signer) {
    const { name, email } = signature.signer;
    // A name is shown only when the CA checked it (cms/certificate.ts signerName); else the address alone.
    signatureLine += ` — ${name && email ? `${name} <${email}>` : name || email || '?'}, ${signature.signer.validation}`;
  }
  if (signature.details?.signingTime) signatureLine += `, signed ${signature.details.signingTime}`;
  lines.push(signatureLine);
  if (signature.reason) lines.push(`  ${signature.reason}`);
  lines.push(`Encryption: ${encryption.status}${encryption.algorithm ? ` (${encryption.algorithm})` : ''}`);
  if (encryption.reason) lines.push(`  ${encryption.reason}`);
  // The core's sentence speaks of the app's Certificates view; on the command line it is `keystore import`.
  if (encryption.reason === NO_KEYSTORE_TO_READ) lines.push('  On the command line: sealmail keystore import YOURS.p12 --keystore DIR, then inspect with --keystore DIR.');
  lines.push(...deliveryLines(delivery));
  return `${lines.join('\n')}\n\n${result.text}${result.text.endsWith('\n') ? '' : '\n'}`;
}

