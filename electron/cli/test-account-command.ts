/**
 * `sealmail test-account`: logs in to an account's IMAP and SMTP servers with exactly the policy the
 * app uses, and says whether both accepted. The password comes from SEALMAIL_PASSWORD, never argv,
 * where other users of the machine could read it. With --oauth it signs in with the address's
 * OAuth 2.0 provider in the browser instead (client IDs from --oauth-config, an oauth.json file),
 * exactly as account setup does, and keeps no token.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { accountSettingsInput, oauthAccountInput } from '../../shared/inputs';
import { SealmailError } from '../../shared/errors';
import { AccountService } from '../core/accounts/account-service';
import { AccountStore } from '../core/accounts/account-store';
import { createOAuth } from '../core/oauth/oauth-access';
import { systemBrowserOpener } from '../core/oauth/system-browser';
import { MemorySecretStore, systemClock } from '../core/ports';
import { EXIT_OK, EXIT_REFUSED, usageError, type CliCommand, type CliIo } from './run-cli';

const usage = 'test-account --address ADDR [--imap HOST:PORT --smtp HOST:PORT] [--oauth [--oauth-config FILE]] [--ca FILE]';

export const testAccountCommand: CliCommand = {
  summary: 'log in to IMAP and SMTP over TLS (password from SEALMAIL_PASSWORD, or --oauth to sign in)',
  usage,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          address: { type: 'string' },
          imap: { type: 'string' },
          smtp: { type: 'string' },
          ca: { type: 'string', multiple: true },
          oauth: { type: 'boolean', default: false },
          'oauth-config': { type: 'string' },
        },
      }));
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    if (values['oauth-config'] && !values.oauth) return usageError(io, usage, '--oauth-config only goes with --oauth.');
    const extraTrustAnchors = await Promise.all((values.ca ?? []).map((file) => readFile(file, 'utf8')));
    const trust = { extraTrustAnchors };
    const secrets = new MemorySecretStore();
    // Nothing is saved: the store is never written by a test, and the secrets live in memory.
    const oauth = createOAuth(secrets, trust, systemClock, {
      configFile: values['oauth-config'] ?? '/nonexistent/oauth.json',
      openBrowser: io.openBrowser ?? systemBrowserOpener((line) => io.stderr.write(`${line}\n`)),
    });
    const service = new AccountService(new AccountStore('/nonexistent'), secrets, trust, oauth);
    try {
      if (values.oauth) return await testWithOAuth(service, values, io);
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

/** The provider comes from the address (or oauth.json); its servers unless --imap and --smtp say otherwise. */
async function testWithOAuth(service: AccountService, values: { address?: string; imap?: string; smtp?: string }, io: CliIo): Promise<number> {
  if (!values.address) return usageError(io, usage, '--address is required.');
  const method = await service.signInMethod({ address: values.address });
  if (method.method !== 'oauth2') {
    return usageError(io, usage, `Sealmail knows no OAuth 2.0 provider for ${values.address}; add its provider to the file given with --oauth-config.`);
  }
  if (method.problem) {
    io.stderr.write(`sealmail: ${method.problem}\n`);
    return EXIT_REFUSED;
  }
  const settings = oauthAccountInput.safeParse({
    address: values.address,
    providerId: method.providerId,
    imap: values.imap ? endpoint(values.imap) : method.imap,
    smtp: values.smtp ? endpoint(values.smtp) : method.smtp,
  });
  if (!settings.success) {
    const issue = settings.error.issues[0];
    return usageError(io, usage, `${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { providerName } = await service.testWithOAuth(settings.data);
  io.stdout.write(`Signed in with ${providerName}: IMAP and SMTP accepted ${settings.data.address} over TLS with OAuth 2.0.\n`);
  return EXIT_OK;
}

function endpoint(value: string | undefined): { host: string; port: number } | undefined {
  if (!value) return undefined;
  const match = /^(.+):(\d{1,5})$/.exec(value);
  return match ? { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) } : { host: value, port: Number.NaN };
}
