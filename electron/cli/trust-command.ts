/**
 * `sealmail trust add CA.pem --keystore DIR [--fingerprint SHA256]`: adds a certificate authority
 * the user trusts for S/MIME. Its fingerprint is printed; with --fingerprint it must match, and on a
 * terminal the user is asked to confirm it, as the app does.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseFingerprint } from '../core/keystore/keystore-service';
import { guard, readInput } from './keystore-command';
import { openKeystore } from './open-keystore';
import { EXIT_OK, EXIT_REFUSED, type CliCommand, type CliIo, usageError } from './run-cli';
import { promptYesNo } from './secret-prompt';

const usage = 'trust add CA.pem --keystore DIR [--fingerprint SHA256]';

export const trustCommand: CliCommand = {
  summary: 'trust a certificate authority for S/MIME (passphrase from SEALMAIL_PASSPHRASE)',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { keystore: { type: 'string' }, fingerprint: { type: 'string' } } });
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    const [action, file, ...extra] = parsed.positionals;
    const dir = parsed.values.keystore;
    if (action !== 'add' || !file || extra.length > 0) return usageError(io, usage, 'say trust add CA.pem.');
    if (!dir) return usageError(io, usage, 'give the keystore folder with --keystore DIR.');
    return guard(io, () => add(file, dir, parsed.values.fingerprint, io));
  },
};

async function add(file: string, dir: string, expected: string | undefined, io: CliIo): Promise<number> {
  const bytes = await readInput(file);
  const keystore = await openKeystore(dir, io, { createIfMissing: true });
  const name = basename(file);
  const authorities = (await keystore.inspect(name, bytes, '')).filter((c) => c.isAuthority);
  if (authorities.length !== 1) {
    io.stderr.write(`sealmail: ${name} must hold exactly one CA certificate; it holds ${authorities.length}. Nothing was added.\n`);
    return EXIT_REFUSED;
  }
  const authority = authorities[0]!;
  io.stdout.write(`${authority.subject}\nSHA-256 ${authority.fingerprint256}\n`);
  if (expected !== undefined && normaliseFingerprint(expected) !== authority.fingerprint256) {
    io.stderr.write(`sealmail: the fingerprint of ${name} is not the one given with --fingerprint. Nothing was added.\n`);
    return EXIT_REFUSED;
  }
  if (expected === undefined && (await promptYesNo('Is this the fingerprint the authority published? [y/N] ')) === false) {
    io.stderr.write('sealmail: not confirmed. Nothing was added.\n');
    return EXIT_REFUSED;
  }
  await keystore.addAuthority(name, bytes, '', authority.fingerprint256);
  io.stdout.write(`Trusted ${authority.subject} for S/MIME.\n`);
  return EXIT_OK;
}

