/**
 * Opens the keystore in `--keystore DIR` for a CLI command: the passphrase comes from
 * SEALMAIL_PASSPHRASE or a terminal prompt; a missing keystore is created only when asked to.
 * Reading mail needs no keystore: openKeystoreIfPresent answers null for a folder without one.
 */
import { join, resolve } from 'node:path';
import { SealmailError } from '../../shared/errors';
import { KEYSTORE_FILE_NAME, KeystoreService } from '../core/keystore/keystore-service';
import type { CliIo } from './run-cli';
import { promptSecret } from './secret-prompt';

/** Thrown when a needed secret is neither in the environment nor askable: a usage error. */
export class MissingSecretError extends Error {}

export async function openKeystore(dir: string, io: CliIo, options: { createIfMissing: boolean }): Promise<KeystoreService> {
  const keystore = new KeystoreService({ path: join(resolve(dir), KEYSTORE_FILE_NAME) });
  const { state } = await keystore.status();
  if (state === 'missing') {
    if (!options.createIfMissing) throw new SealmailError('NOT_FOUND', `There is no keystore in ${dir}.`);
    const passphrase = await secret(io, 'Choose a passphrase for the new keystore: ');
    if (io.env.SEALMAIL_PASSPHRASE === undefined && (await promptSecret('Repeat the passphrase: ')) !== passphrase) {
      throw new SealmailError('INVALID_INPUT', 'The two passphrases differ; nothing was created.');
    }
    await keystore.create(passphrase);
    return keystore;
  }
  await keystore.unlock(await secret(io, 'Keystore passphrase: '));
  return keystore;
}

/** The keystore in DIR, unlocked, or null when DIR has none: nothing is asked for or written then. */
export async function openKeystoreIfPresent(dir: string, io: CliIo): Promise<KeystoreService | null> {
  const keystore = new KeystoreService({ path: join(resolve(dir), KEYSTORE_FILE_NAME) });
  if ((await keystore.status()).state === 'missing') return null;
  await keystore.unlock(await secret(io, 'Keystore passphrase: '));
  return keystore;
}

async function secret(io: CliIo, question: string): Promise<string> {
  const fromEnv = io.env.SEALMAIL_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  const answer = await promptSecret(question);
  if (answer === null) throw new MissingSecretError('set SEALMAIL_PASSPHRASE to the keystore passphrase (there is no terminal to ask on).');
  return answer;
}
