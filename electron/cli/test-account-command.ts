/**
 * `sealmail test-account`: logs in to an account's IMAP and SMTP servers with exactly the policy the
 * app uses, and says whether both accepted. The password comes from SEALMAIL_PASSWORD, never argv,
 * where other users of the machine could read it.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { accountSettingsInput } from '../../shared/inputs';
import { SealmailError } from '../../shared/errors';
import { AccountService } from '../core/accounts/account-service';
import { AccountStore } from '../core/accounts/account-store';
import { MemorySecretStore } from '../core/ports';
import { EXIT_OK, EXIT_REFUSED, usageError, type CliCommand } from './run-cli';

const usage = 'test-account --address ADDR --imap HOST:PORT --smtp HOST:PORT [--ca FILE]';

export const testAccountCommand: CliCommand = {
  summary: 'log in to IMAP and SMTP over TLS (password from SEALMAIL_PASSWORD)',
  usage,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { address: { type: 'string' }, imap: { type: 'string' }, smtp: { type: 'string' }, ca: { type: 'string', multiple: true } },
      }));
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    const settings = accountSettingsInput.safeParse({
      address: values.address,
      password: io.env.SEALMAIL_PASSWORD,
      imap: endpoint(values.imap),
      smtp: endpoint(values.smtp),
    });
    if (!settings.success) {
      const issue = settings.error.issues[0];
      const field = issue?.path.join('.') === 'password' ? 'SEALMAIL_PASSWORD' : issue?.path.join('.');
      return usageError(io, usage, `${field}: ${issue?.message}`);
    }
    const extraTrustAnchors = await Promise.all((values.ca ?? []).map((file) => readFile(file, 'utf8')));
    // Nothing is saved: the store is never written by test().
    const service = new AccountService(new AccountStore('/nonexistent'), new MemorySecretStore(), { extraTrustAnchors });
    try {
      await service.test(settings.data);
      io.stdout.write(`IMAP and SMTP accepted ${settings.data.address} over TLS.\n`);
      return EXIT_OK;
    } catch (error) {
      const message = error instanceof SealmailError ? error.message : String(error);
      io.stderr.write(`sealmail: ${message}\n`);
      return EXIT_REFUSED;
    }
  },
};

function endpoint(value: string | undefined): { host: string; port: number } | undefined {
  if (!value) return undefined;
  const match = /^(.+):(\d{1,5})$/.exec(value);
  return match ? { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) } : { host: value, port: Number.NaN };
}
