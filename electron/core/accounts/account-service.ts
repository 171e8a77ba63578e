/**
 * Setting accounts up and taking them down. An account is saved only after both its IMAP and SMTP
 * servers accepted the credentials over TLS, so a failed setup leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import type { Account, AccountDirectory } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { AccountSettings, OAuthAccountSettings } from '../../../shared/inputs';
import type { AccountSignIn, SignInMethod, SignInStatus } from '../../../shared/oauth-types';
import { checkDirectorySettings, type DirectorySettings } from '../directory/directory-settings';
import type { SecretStore } from '../ports';
import { ImapSession } from '../transport/imap-session';
import { inspectServer } from '../transport/tls-inspect';
import type { OAuthAccess, SignInRequest } from '../oauth/oauth-access';
import type { OAuthGrantStore } from '../oauth/oauth-credentials';
import { fixedCredentials, type Credentials, type CredentialSource } from '../transport/credentials';
import type { TrustSettings } from '../transport/tls-policy';
import { verifySubmission } from '../mail/send-message';
import type { AccountStore } from './account-store';

const passwordKey = (accountId: string) => `account:${accountId}:password`;
const directoryPasswordKey = (accountId: string) => `account:${accountId}:directory-password`;

export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly secrets: SecretStore,
    private readonly trust: TrustSettings,
    private readonly oauth: { access: OAuthAccess; grants: OAuthGrantStore },
  ) {}

  list(): Promise<Account[]> {
    return this.store.list();
  }

  get(accountId: string): Promise<Account> {
    return this.store.get(accountId);
  }

  /**
   * Checks both servers' TLS with a handshake that sends nothing (so a refused certificate comes
   * back with its details), then logs in to both. The IMAP failure is reported first when both fail.
   */
  async test(settings: AccountSettings): Promise<{ imap: true; smtp: true }> {
    return this.testWith(settings, { user: settings.address, pass: settings.password });
  }

  /** The same test with any credentials: a password, or an access token a sign-in just returned. */
  private async testWith(settings: Pick<Account, 'imap' | 'smtp'>, credentials: Credentials | CredentialSource): Promise<{ imap: true; smtp: true }> {
    const [imapTls, smtpTls] = await Promise.allSettled([
      inspectServer('imap', settings.imap, this.trust),
      inspectServer('smtp', settings.smtp, this.trust),
    ]);
    if (imapTls.status === 'rejected') throw imapTls.reason;
    if (smtpTls.status === 'rejected') throw smtpTls.reason;
    const [imap, smtp] = await Promise.allSettled([
      ImapSession.verify(settings.imap, credentials, this.trust),
      verifySubmission(settings.smtp, credentials, this.trust),
    ]);
    if (imap.status === 'rejected') throw imap.reason;
    if (smtp.status === 'rejected') throw smtp.reason;
    return { imap: true, smtp: true };
  }

  async add(settings: AccountSettings): Promise<Account> {
    await this.refuseDuplicate(settings.address);
    await this.test(settings);
    return this.saveNew(settings, undefined, {
      keep: (id) => this.secrets.set(passwordKey(id), settings.password),
      drop: (id) => this.secrets.delete(passwordKey(id)),
    });
  }

  /** Saves a tested account with its secret; when the account cannot be written, its secret goes too. */
  private async saveNew(
    settings: Pick<Account, 'address' | 'displayName' | 'imap' | 'smtp'>,
    signIn: AccountSignIn | undefined,
    secret: { keep(accountId: string): Promise<void>; drop(accountId: string): Promise<void> },
  ): Promise<Account> {
    const account: Account = {
      id: randomUUID(),
      address: settings.address,
      displayName: settings.displayName,
      imap: settings.imap,
      smtp: settings.smtp,
      ...(signIn ? { signIn } : {}),
    };
    await secret.keep(account.id);
    try {
      await this.store.add(account);
    } catch (error) {
      await secret.drop(account.id);
      throw error;
    }
    return account;
  }

  /** Whether setup should ask for a password or offer "Sign in with <provider>". */
  signInMethod(request: SignInRequest): Promise<SignInMethod> {
    return this.oauth.access.methodFor(request);
  }

  /**
   * Signs in with the provider in the system browser, logs in to both servers with the access
   * token, and only then saves the account and its refresh token: a refused, forged or abandoned
   * sign-in, or a server that will not take the token, leaves nothing behind.
   */
  async addWithOAuth(settings: OAuthAccountSettings): Promise<Account> {
    await this.refuseDuplicate(settings.address);
    const { provider, tokens } = await this.signInAndTest(settings.providerId, settings);
    const account = await this.saveNew(settings, { method: 'oauth2', providerId: provider.id, providerName: provider.name }, {
      keep: (id) => this.oauth.grants.set(id, { refreshToken: tokens.refreshToken, refreshedAt: new Date().toISOString() }),
      drop: (id) => this.oauth.grants.delete(id),
    });
    await this.oauth.access.credentialsFor(account, tokens);
    return account;
  }

  /** The sign-in and both logins of `addWithOAuth`, keeping nothing (`sealmail test-account --oauth`). */
  async testWithOAuth(settings: OAuthAccountSettings): Promise<{ providerName: string }> {
    const { provider } = await this.signInAndTest(settings.providerId, settings);
    return { providerName: provider.name };
  }

  /** Stops a sign-in that waits for the browser (the person closed it, or changed their mind). */
  cancelSignIn(): { cancelled: boolean } {
    return { cancelled: this.oauth.access.cancelWaiting() };
  }

  /** After the provider stopped accepting the sign-in: signs in again and keeps the new grant once the servers take it. */
  async signInAgain(accountId: string): Promise<SignInStatus> {
    const account = await this.store.get(accountId);
    if (!account.signIn) throw new SealmailError('INVALID_INPUT', `${account.address} logs in with a password, not with a provider.`);
    const { tokens } = await this.signInAndTest(account.signIn.providerId, account);
    await this.oauth.grants.set(account.id, { refreshToken: tokens.refreshToken, refreshedAt: new Date().toISOString() });
    await this.oauth.access.credentialsFor(account, tokens);
    return this.signInStatus(accountId);
  }

  /** How the account logs in, for Connection security: never a token. */
  async signInStatus(accountId: string): Promise<SignInStatus> {
    const account = await this.store.get(accountId);
    if (!account.signIn) return { method: 'password' };
    const grant = await this.oauth.grants.get(accountId);
    return { method: 'oauth2', providerName: account.signIn.providerName, lastRefreshedAt: grant?.refreshedAt ?? null, signedIn: grant !== null };
  }

  /** Signs in in the browser, then logs in to both servers with the new access token; saves nothing. */
  private async signInAndTest(providerId: string, account: Pick<Account, 'address' | 'imap' | 'smtp'>) {
    const signedIn = await this.oauth.access.signIn(providerId, account.address);
    await this.testWith(account, this.oauth.access.trial(account.address, signedIn.provider, signedIn.tokens));
    return signedIn;
  }

  private async refuseDuplicate(address: string): Promise<void> {
    const lower = address.toLowerCase();
    if ((await this.store.list()).some((account) => account.address.toLowerCase() === lower)) {
      throw new SealmailError('ACCOUNT_EXISTS', `${address} is already set up in Sealmail.`);
    }
  }

  /** Saves changed connection settings of an account (a new pin); the password stays where it is. */
  async update(account: Account): Promise<Account> {
    await this.store.update(account);
    return account;
  }

  async remove(accountId: string): Promise<void> {
    if (!(await this.store.remove(accountId))) throw new SealmailError('NOT_FOUND', 'That account is no longer set up.');
    await this.secrets.delete(passwordKey(accountId));
    await this.secrets.delete(directoryPasswordKey(accountId));
    // Its tokens are deleted here; revoking Sealmail's access is left to the person, at the provider.
    await this.oauth.access.forget(accountId);
  }

  /**
   * Sets or removes the account's directory. Settings that could reach it in clear (an ldap://
   * address without StartTLS, a password without a bind DN) are refused in words, nothing saved.
   */
  async setDirectory(accountId: string, directory: (AccountDirectory & { bindPassword: string | null }) | null): Promise<Account> {
    const account = await this.store.get(accountId);
    if (directory === null) {
      const { directory: _gone, ...rest } = account;
      await this.store.update(rest);
      await this.secrets.delete(directoryPasswordKey(accountId));
      return rest;
    }
    const { bindPassword, ...stored } = directory;
    const check = checkDirectorySettings(toSettings(stored, bindPassword));
    if (!check.ok) throw new SealmailError('INVALID_INPUT', check.problem);
    const updated: Account = { ...account, directory: { ...stored, url: check.endpoint.url } };
    await this.store.update(updated);
    if (bindPassword) await this.secrets.set(directoryPasswordKey(accountId), bindPassword);
    else await this.secrets.delete(directoryPasswordKey(accountId));
    return updated;
  }

  /** The account's directory with its bind password, for a look-up; null when it has none. */
  async directorySettings(accountId: string): Promise<DirectorySettings | null> {
    const account = await this.store.get(accountId);
    if (!account.directory) return null;
    return toSettings(account.directory, await this.secrets.get(directoryPasswordKey(accountId)));
  }

  /** What the account's connections log in with: its password, or its OAuth access tokens as they are renewed. */
  async credentials(account: Account): Promise<CredentialSource> {
    if (account.signIn) return this.oauth.access.credentialsFor(account);
    const pass = await this.secrets.get(passwordKey(account.id));
    if (pass === null) throw new SealmailError('PASSWORD_REQUIRED', `Sealmail needs the password for ${account.address} again.`);
    return fixedCredentials({ user: account.address, pass });
  }
}

function toSettings(directory: AccountDirectory, bindPassword: string | null): DirectorySettings {
  return {
    url: directory.url,
    security: directory.security,
    baseDn: directory.baseDn,
    ...(directory.bindDn ? { bindDn: directory.bindDn } : {}),
    ...(bindPassword ? { bindPassword } : {}),
  };
}
