/**
 * The composition root of the core, shared by all three front doors (Electron, the CLI, the
 * loopback dev server): builds every service from a profile folder and a few ports.
 *
 * A start builds only what the inbox's first page needs: accounts, the message store, sync and
 * the mail calls. Everything else (on-demand-services.ts: keystore, S/MIME, compose, reader,
 * connection security) is imported on the first call that needs it, or as soon as the first page
 * has been answered, so its code (pkijs, jsdom, nodemailer…) loads while the user looks at mail.
 * The modules on the first page's path load their heavy packages the same way, at first use.
 */
import { join } from 'node:path';
import type { CallHandlers, EventSink } from '../../shared/contract';
import { composeCalls } from '../../shared/calls/compose-calls';
import { keystoreCalls } from '../../shared/calls/keystore-calls';
import { readerCalls } from '../../shared/calls/reader-calls';
import { transportCalls } from '../../shared/calls/transport-calls';
import { accountHandlers } from './accounts/account-handlers';
import { AccountService } from './accounts/account-service';
import { AccountStore } from './accounts/account-store';
import { EventHub } from './events/event-hub';
import type { KeyWrapper } from './keystore/key-wrapper';
import { mailHandlers } from './mail/mail-handlers';
import { MailService, type MailSmime } from './mail/mail-service';
import { createOAuth, type OAuthSettings } from './oauth/oauth-access';
import { OAUTH_CONFIG_FILE_NAME } from './oauth/oauth-config';
import type { OnDemandCall, OnDemandServices } from './on-demand-services';
import { silentLogger, systemClock, type Logger, type SecretStore } from './ports';
import type { DiscoveryDependencies } from './setup/discover-servers';
import type { TrustSettings } from './transport/tls-policy';

export type { SecretStore, Logger } from './ports';

export interface CoreOptions {
  profileDir: string;
  secrets: SecretStore;
  logger?: Logger;
  /** PEM certificates trusted besides the system roots, for servers and S/MIME signers alike (a company CA; the test CA in tests). */
  extraTrustAnchors?: string[];
  /** Timings of the local mail store (Undo window, polling, offline retry); tests shorten them. */
  mailTimings?: { undoMs?: number; pollMs?: number; retryMs?: number };
  /** The OS keychain (Electron's safeStorage) wrapping the keystore's key; without it a passphrase does. */
  keyWrapper?: KeyWrapper;
  /** Where server discovery asks (tests point it at loopback fixtures); the system's DNS and HTTPS otherwise. */
  discovery?: Partial<DiscoveryDependencies>;
  /**
   * Where recipient domains' MX, MTA-STS and TLSA are looked up: the system's resolvers unless
   * given (tests point them at a loopback unbound). `httpsPort` replaces 443 for MTA-STS policy
   * hosts, a test setting only: the loopback policy server listens on a free port.
   */
  transportPolicy?: { resolvers?: { host: string; port: number }[]; httpsPort?: number; timeoutMs?: number };
  /**
   * OAuth 2.0 sign-in: how this front door opens the system browser (without it, sign-in says it
   * cannot), and where oauth.json is (the profile folder unless given).
   */
  oauth?: Partial<OAuthSettings>;
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
  const oauth = createOAuth(options.secrets, trust, systemClock, { configFile: join(options.profileDir, OAUTH_CONFIG_FILE_NAME), ...options.oauth });
  const accounts = new AccountService(new AccountStore(options.profileDir), options.secrets, trust, oauth);

  let loading: Promise<OnDemandServices> | null = null;
  const onDemand = () =>
    (loading ??= import('./on-demand-services').then(({ createOnDemandServices }) => createOnDemandServices({ options, trust, logger, accounts, mail })));
  // Opening and sending reach S/MIME through it; a message opened before it loaded waits for it.
  const smime: MailSmime = {
    read: async (raw) => (await onDemand()).smime.read(raw),
    protect: async (entity, protection) => (await onDemand()).smime.protect(entity, protection),
  };
  const mail = new MailService(accounts, events, trust, logger, { profileDir: options.profileDir, ...options.mailTimings }, smime);

  // Once the first page is answered, the rest loads: by the time the user opens a message or the composer, it is there.
  let warmTimer: ReturnType<typeof setTimeout> | null = null;
  const warmUp = () => {
    if (loading || warmTimer) return;
    warmTimer = setTimeout(() => void onDemand().catch((error: Error) => logger.warn('core services did not load', { error: error.message })), 0);
  };
  const mailCalls = mailHandlers(mail);
  const answered = <I, O>(handler: (input: I) => Promise<O>) => (input: I) => handler(input).finally(warmUp);

  // One spread per area; the type makes a missing area a compile error.
  const handlers: CallHandlers = {
    ...accountHandlers(accounts, mail),
    ...mailCalls,
    listMessages: answered(mailCalls.listMessages),
    listConversations: answered(mailCalls.listConversations),
    ...forwardedTo(onDemand),
  };

  return {
    handlers,
    subscribe: (sink) => events.subscribe(sink),
    close: async () => {
      if (warmTimer) clearTimeout(warmTimer);
      await Promise.all([mail.close(), loading?.then((services) => services.close(), () => undefined)]);
    },
  };
}

const ON_DEMAND_CALLS = Object.keys({ ...composeCalls, ...readerCalls, ...keystoreCalls, ...transportCalls }) as OnDemandCall[];

/** A handler for each on-demand call that loads the services (once) and passes the call on. */
function forwardedTo(load: () => Promise<OnDemandServices>): Pick<CallHandlers, OnDemandCall> {
  const forward = (name: OnDemandCall) => async (input: unknown) => ((await load()).handlers[name] as (input: unknown) => Promise<unknown>)(input);
  return Object.fromEntries(ON_DEMAND_CALLS.map((name) => [name, forward(name)])) as unknown as Pick<CallHandlers, OnDemandCall>;
}
