/**
 * The composition root of the core, shared by all three front doors (Electron, the CLI, the
 * loopback dev server): builds every service from a profile folder and a few ports.
 */
import type { CallHandlers, EventSink } from '../../shared/contract';
import { AccountService } from './accounts/account-service';
import { AccountStore } from './accounts/account-store';
import { EventHub } from './events/event-hub';
import { MailService } from './mail/mail-service';
import { silentLogger, type Logger, type SecretStore } from './ports';
import type { TrustSettings } from './transport/tls-policy';

export type { SecretStore, Logger } from './ports';

export interface CoreOptions {
  profileDir: string;
  secrets: SecretStore;
  logger?: Logger;
  /** PEM certificates trusted besides the system roots (a company CA; the test CA in tests). */
  extraTrustAnchors?: string[];
}

export interface Core {
  handlers: CallHandlers;
  subscribe(sink: EventSink): () => void;
  /** Logs out of every server. */
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? silentLogger;
  const trust: TrustSettings = { extraTrustAnchors: options.extraTrustAnchors ?? [] };
  const events = new EventHub();
  const accounts = new AccountService(new AccountStore(options.profileDir), options.secrets, trust);
  const mail = new MailService(accounts, events, trust, logger);

  const handlers: CallHandlers = {
    listAccounts: () => accounts.list(),
    testAccount: (settings) => accounts.test(settings),
    addAccount: (settings) => accounts.add(settings),
    removeAccount: async ({ accountId }) => {
      await mail.forget(accountId);
      await accounts.remove(accountId);
      return { removed: true };
    },
    listFolders: ({ accountId }) => mail.folders(accountId),
    listMessages: ({ accountId, folder, offset, limit }) => mail.messages(accountId, folder, offset, limit),
    openMessage: ({ accountId, folder, uid }) => mail.open(accountId, folder, uid),
    sendMessage: (message) => mail.send(message),
    syncFolder: async ({ accountId, folder }) => {
      await mail.watch(accountId, folder);
      return { started: true };
    },
  };

  return {
    handlers,
    subscribe: (sink) => events.subscribe(sink),
    close: () => mail.close(),
  };
}
