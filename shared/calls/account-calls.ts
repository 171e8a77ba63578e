/** Calls for setting accounts up and taking them down. */
import type { Account } from '../domain';
import { accountIdInput, accountSettingsInput, directoryInput, emptyInput, oauthAccountInput, signInMethodInput } from '../inputs';
import type { SignInMethod, SignInStatus } from '../oauth-types';
import { call } from './call-spec';

export const accountCalls = {
  /** The accounts set up in this profile. */
  listAccounts: call<Account[]>()(emptyInput),
  /** Connects and logs in to IMAP and SMTP; saves nothing. */
  testAccount: call<{ imap: true; smtp: true }>()(accountSettingsInput),
  /** Tests the settings first and saves the account only when both servers accept them. */
  addAccount: call<Account>()(accountSettingsInput),
  removeAccount: call<{ removed: true }>()(accountIdInput),
  /** Whether an address logs in with a password or signs in with an OAuth 2.0 provider (by its domain, or autoconfig's OAuth2). */
  signInMethod: call<SignInMethod>()(signInMethodInput),
  /**
   * Signs in with the provider in the system browser (PKCE, loopback redirect), logs in to both
   * servers with the token, and saves the account and its refresh token only when all of it worked.
   */
  addOAuthAccount: call<Account>()(oauthAccountInput),
  /** Stops the sign-in that waits for the browser; it then fails with a sentence and saves nothing. */
  cancelSignIn: call<{ cancelled: boolean }>()(emptyInput),
  /** Signs an OAuth 2.0 account in again after its provider stopped accepting the old sign-in. */
  signInAgain: call<SignInStatus>()(accountIdInput),
  /** How the account logs in: a password, or OAuth 2.0 with when the token was last refreshed. */
  accountSignIn: call<SignInStatus>()(accountIdInput),
  /**
   * Sets (or, with null, removes) the LDAP directory where the account's recipients' certificates
   * are looked up: LDAPS or StartTLS only, refused when the settings would allow plaintext.
   */
  setAccountDirectory: call<Account>()(accountIdInput.extend({ directory: directoryInput.nullable() })),
} as const;
