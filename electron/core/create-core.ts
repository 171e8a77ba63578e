/**
 * The composition root of the core, shared by all three front doors (Electron, the CLI, the
 * loopback dev server): builds every service from a profile folder and a few ports.
 */
import type { CallHandlers, EventSink } from '../../shared/contract';
import { accountHandlers } from './accounts/account-handlers';
import { AccountService } from './accounts/account-service';
import { AccountStore } from './accounts/account-store';
import { EventHub } from './events/event-hub';
import { mailHandlers } from './mail/mail-handlers';
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

  // One spread per area; the type makes a missing area a compile error.
  const handlers: CallHandlers = {
    ...accountHandlers(accounts, mail),
    ...mailHandlers(mail),
  };

  return {
    handlers,
    subscribe: (sink) => events.subscribe(sink),
    close: () => mail.close(),
  };
}
