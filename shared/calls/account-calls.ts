/** Calls for setting accounts up and taking them down. */
import type { Account } from '../domain';
import { accountIdInput, accountSettingsInput, directoryInput, emptyInput } from '../inputs';
import { call } from './call-spec';

export const accountCalls = {
  /** The accounts set up in this profile. */
  listAccounts: call<Account[]>()(emptyInput),
  /** Connects and logs in to IMAP and SMTP; saves nothing. */
  testAccount: call<{ imap: true; smtp: true }>()(accountSettingsInput),
  /** Tests the settings first and saves the account only when both servers accept them. */
  addAccount: call<Account>()(accountSettingsInput),
  removeAccount: call<{ removed: true }>()(accountIdInput),
  /**
   * Sets (or, with null, removes) the LDAP directory where the account's recipients' certificates
   * are looked up: LDAPS or StartTLS only, refused when the settings would allow plaintext.
   */
  setAccountDirectory: call<Account>()(accountIdInput.extend({ directory: directoryInput.nullable() })),
} as const;
