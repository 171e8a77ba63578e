/**
 * `sealmail keystore import FILE.p12 --keystore DIR`, `sealmail keystore import-contacts FILE.vcf
 * --keystore DIR` and `sealmail keystore list --keystore DIR [--json]`: the keystore from the
 * command line, through the same service as the app. The .p12
 * password comes from SEALMAIL_P12_PASSWORD, the keystore passphrase from SEALMAIL_PASSPHRASE (or a
 * terminal prompt). A refusal changes nothing on disk.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { renewalSentence, signingRefusal, VALIDATION_LABELS, WARNING_LABELS, type CertificateView, type IdentitySummary, type KeystoreOverview } from '../../shared/certificates';
import { SealmailError } from '../../shared/errors';
import { MissingSecretError, openKeystore } from './open-keystore';
import { EXIT_OK, EXIT_REFUSED, type CliCommand, type CliIo, usageError } from './run-cli';
import { promptSecret } from './secret-prompt';

const usage = 'keystore import FILE.p12 --keystore DIR | keystore import-contacts FILE.vcf --keystore DIR | keystore list --keystore DIR [--json]';

export const keystoreCommand: CliCommand = {
  summary: "import a .p12 identity (SEALMAIL_P12_PASSWORD, SEALMAIL_PASSPHRASE), import contacts' certificates from a .vcf, or list the keystore",
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { keystore: { type: 'string' }, json: { type: 'boolean', default: false } } });
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    const [action, file, ...extra] = parsed.positionals;
    const dir = parsed.values.keystore;
    if (!dir) return usageError(io, usage, 'give the keystore folder with --keystore DIR.');
    if (action === 'import' && file && extra.length === 0) return guard(io, () => importFile(file, dir, io));
    if (action === 'import-contacts' && file && extra.length === 0) return guard(io, () => importContacts(file, dir, io));
    if (action === 'list' && !file) return guard(io, () => list(dir, parsed.values.json ?? false, io));
    return usageError(io, usage, action ? `unexpected arguments for '${action}'.` : 'say import, import-contacts or list.');
  },
};

async function importFile(file: string, dir: string, io: CliIo): Promise<number> {
  const bytes = await readInput(file);
  const password = io.env.SEALMAIL_P12_PASSWORD ?? (await promptSecret(`Password for ${basename(file)}: `));
  if (password === null) throw new MissingSecretError('set SEALMAIL_P12_PASSWORD to the password of the .p12 file (there is no terminal to ask on).');
  const keystore = await openKeystore(dir, io, { createIfMissing: true });
  const outcome = await keystore.importIdentity(basename(file), bytes, password);
  if (outcome.kind === 'certificates-only') {
    io.stderr.write(`sealmail: ${outcome.message} Nothing was imported.\n`);
    return EXIT_REFUSED;
  }
  for (const identity of outcome.identities) {
    const c = identity.certificate;
    io.stdout.write(`Imported ${c.emails.join(', ') || c.subject}: ${VALIDATION_LABELS[c.validation].toLowerCase()}, valid until ${c.notAfter.slice(0, 10)}, SHA-256 ${c.fingerprint256}\n`);
    for (const warning of c.warnings) io.stderr.write(`warning: ${WARNING_LABELS[warning]}\n`);
  }
  if (outcome.alreadyPresent > 0) io.stdout.write(`${outcome.alreadyPresent} of them were already in the keystore.\n`);
  return EXIT_OK;
}

/** Adds the certificates of a .vcf; exit 0 when any was added (refusals go to stderr), 1 when none was. */
async function importContacts(file: string, dir: string, io: CliIo): Promise<number> {
  const bytes = await readInput(file);
  const keystore = await openKeystore(dir, io, { createIfMissing: true });
  const outcome = await keystore.importContacts(basename(file), bytes);
  for (const person of outcome.added) {
    // What this file touched was all seen at the same moment, the latest for this person.
    const latest = person.certificates.reduce((max, c) => (c.lastSeen > max ? c.lastSeen : max), '');
    const fromCards = person.certificates.filter((c) => c.lastSeen === latest);
    for (const c of fromCards) {
      const what = c.firstSeen === c.lastSeen && c.source === 'vcard' ? 'Added' : 'Already known:';
      io.stdout.write(`${what} ${person.email}: ${VALIDATION_LABELS[c.certificate.validation].toLowerCase()}, valid until ${c.certificate.notAfter.slice(0, 10)}, SHA-256 ${c.certificate.fingerprint256}\n`);
    }
    const changed = person.changed;
    if (changed && fromCards.some((c) => c.certificate.fingerprint256 === changed.fingerprint256)) {
      const used = person.encryptionFingerprint256 === changed.fingerprint256 ? 'the new one is used to encrypt' : 'the one you had is still used to encrypt';
      io.stderr.write(`warning: ${person.email} now has a different certificate beside the one you had; ${used}. Both are kept.\n`);
    }
  }
  for (const refusal of outcome.refused) io.stderr.write(`refused ${refusal.contact}: ${refusal.reason}\n`);
  if (outcome.added.length > 0) return EXIT_OK;
  io.stderr.write(`sealmail: ${basename(file)} holds no certificate Sealmail could add; nothing was changed.\n`);
  return EXIT_REFUSED;
}

async function list(dir: string, json: boolean, io: CliIo): Promise<number> {
  const keystore = await openKeystore(dir, io, { createIfMissing: false });
  const overview = await keystore.overview();
  io.stdout.write(json ? `${JSON.stringify(toJson(overview), null, 2)}\n` : toText(overview));
  return EXIT_OK;
}

function entry(c: CertificateView) {
  return {
    email: c.emails[0] ?? null,
    emails: c.emails,
    subject: c.subject,
    issuer: c.issuer,
    fingerprint256: c.fingerprint256,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    validation: c.validation,
    warnings: c.warnings,
  };
}

function toJson(overview: KeystoreOverview) {
  return {
    identities: overview.identities.map((i) => ({
      ...entry(i.certificate),
      chain: i.chain.map(entry),
      importedAt: i.importedAt,
      sourceFile: i.sourceFile,
      expiresSoon: Boolean(i.renewal),
      expiresInDays: i.renewal?.inDays ?? null,
      // Expired or not yet valid: still decrypts, never signs.
      usableForSigning: signingRefusal(i.certificate) === null,
    })),
    people: overview.people.flatMap((p) =>
      p.certificates.map((c) => ({
        ...entry(c.certificate),
        email: p.email,
        source: c.source,
        usedForEncryption: c.certificate.fingerprint256 === p.encryptionFingerprint256,
        changed: p.changed?.fingerprint256 === c.certificate.fingerprint256,
      })),
    ),
    authorities: overview.authorities.map((a) => ({ ...entry(a.certificate), addedAt: a.addedAt })),
  };
}

function toText(overview: KeystoreOverview): string {
  const line = (c: CertificateView, email = c.emails[0] ?? '') =>
    `  ${email.padEnd(30)} ${VALIDATION_LABELS[c.validation].padEnd(18)} until ${c.notAfter.slice(0, 10)}  ${c.fingerprint256}${c.warnings.length ? `  (${c.warnings.join(', ')})` : ''}\n`;
  return [
    'Your certificates:\n',
    ...(overview.identities.length ? overview.identities.map((i) => `${line(i.certificate)}${identityNotice(i)}`) : ['  none\n']),
    'People:\n',
    ...(overview.people.length ? overview.people.flatMap((p) => p.certificates.map((c) => line(c.certificate, p.email))) : ['  none\n']),
    'Authorities:\n',
    ...(overview.authorities.length ? overview.authorities.map((a) => `  ${a.certificate.subject}  ${a.certificate.fingerprint256}\n`) : ['  none\n']),
  ].join('');
}

/** The line under one's own certificate when it needs renewing, or no longer signs. */
function identityNotice(identity: IdentitySummary): string {
  if (identity.renewal) return `    warning: ${renewalSentence(identity.renewal)}\n`;
  const refusal = signingRefusal(identity.certificate);
  return refusal ? `    warning: ${refusal} (it still decrypts your older mail)\n` : '';
}

/** Reads a file named on the command line; a missing one is a refusal worded for the user. */
export async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new SealmailError('NOT_FOUND', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Runs a command body, turning refusals into one line on stderr and exit 1, missing secrets into 2. */
export async function guard(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof MissingSecretError) return usageError(io, usage, error.message);
    io.stderr.write(`sealmail: ${error instanceof SealmailError ? error.message : String(error)}\n`);
    return EXIT_REFUSED;
  }
}

