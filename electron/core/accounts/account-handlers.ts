/** The account calls of the contract, answered by the account and mail services. */
import type { HandlersFor } from '../../../shared/contract';
import type { accountCalls } from '../../../shared/calls/account-calls';
import type { MailService } from '../mail/mail-service';
import type { AccountService } from './account-service';

export function accountHandlers(accounts: AccountService, mail: MailService): HandlersFor<typeof accountCalls> {
  return {
    listAccounts: () => accounts.list(),
    testAccount: (settings) => accounts.test(settings),
    addAccount: (settings) => accounts.add(settings),
    removeAccount: async ({ accountId }) => {
      await mail.forget(accountId);
      await accounts.remove(accountId);
      return { removed: true };
    },
    signInMethod: (request) => accounts.signInMethod(request),
    addOAuthAccount: (settings) => accounts.addWithOAuth(settings),
    cancelSignIn: async () => accounts.cancelSignIn(),
    signInAgain: ({ accountId }) => accounts.signInAgain(accountId),
    accountSignIn: ({ accountId }) => accounts.signInStatus(accountId),
    setAccountDirectory: ({ accountId, directory }) => accounts.setDirectory(accountId, directory),
  };
}
