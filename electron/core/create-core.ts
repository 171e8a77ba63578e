/**
 * The composition root of the core, shared by all three front doors (Electron, the CLI, the
 * loopback dev server): builds every service from a profile folder and a few ports.
 */
import { join } from 'node:path';
import type { CallHandlers, EventSink } from '../../shared/contract';
import { accountHandlers } from './accounts/account-handlers';
import { AccountService } from './accounts/account-service';
import { AccountStore } from './accounts/account-store';
import { AttachmentService } from './attachments/attachment-service';
import { AddressSuggestions } from './compose/address-suggestions';
import { composeHandlers } from './compose/compose-handlers';
import { ComposeReadinessService } from './compose/compose-readiness';
import { ComposeService } from './compose/compose-service';
import { ImapDraftMailbox } from './compose/draft-mailbox';
import { DraftService } from './compose/draft-service';
import { RecipientDomains } from './compose/recipient-domains';
import { CertificateFinder } from './discovery/certificate-finder';
import { certificateSources } from './discovery/certificate-sources';
import { EventHub } from './events/event-hub';
import type { KeyWrapper } from './keystore/key-wrapper';
import { keystoreHandlers } from './keystore/keystore-handlers';
import { keystoreOrNone } from './keystore/keystore-or-none';
import { KEYSTORE_FILE_NAME, KeystoreService } from './keystore/keystore-service';
import { mailHandlers } from './mail/mail-handlers';
import { createOAuth, type OAuthSettings } from './oauth/oauth-access';
import { OAUTH_CONFIG_FILE_NAME } from './oauth/oauth-config';
import { MailService } from './mail/mail-service';
import { HtmlSanitiser } from './mime/sanitize-html';
import { createSmimeService } from './smime/create-smime-service';
import { silentLogger, systemClock, type Logger, type SecretStore } from './ports';
import { readerHandlers } from './reader/reader-handlers';
import { fetchRemoteImage } from './remote-content/fetch-remote-image';
import { RemoteContentService } from './remote-content/remote-content-service';
import { SenderAllowList } from './remote-content/sender-allow-list';
import { dnsSrvResolver, ServerDiscovery, type DiscoveryDependencies } from './setup/discover-servers';
import { httpsFetcher } from './setup/https-fetch';
import { PostureService } from './transport/posture-service';
import { inspectServer } from './transport/tls-inspect';
import { transportHandlers } from './transport/transport-handlers';
import { TransportPolicyService } from './transport-policy/transport-policy-service';
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
  const keystore = new KeystoreService({ path: join(options.profileDir, KEYSTORE_FILE_NAME), keyWrapper: options.keyWrapper });
  // Every opened message gets its S/MIME verdict; Sign and Encrypt go through it on send.
  // The extra anchors (a company CA) vouch for signers as the system roots do.
  const smime = createSmimeService(keystore, systemClock, trust.extraTrustAnchors);
  const mail = new MailService(accounts, events, trust, logger, { profileDir: options.profileDir, ...options.mailTimings }, smime);
  // Drafts: encrypted to the sender's own certificate only (never signed), decrypted like any message.
  const drafts = new DraftService({
    accounts,
    mailbox: new ImapDraftMailbox(accounts, trust),
    crypto: {
      read: (raw) => smime.read(raw),
      // No keystore yet means no certificate (not "locked"): the draft then says to import one.
      hasOwnCertificate: async (accountId, address) => (await keystore.status()).state !== 'missing' && (await keystore.identityForAccount(accountId, address)) !== null,
      encryptToSelf: (entity, accountId, address) => smime.protect(entity, { accountId, from: address, recipients: [], sign: false, encrypt: true }),
    },
    clock: systemClock,
    logger,
    rememberSubject: (accountId, folder, uid, subject) => mail.rememberShownSubject(accountId, folder, uid, subject),
  });

  // One spread per area; the type makes a missing area a compile error.
  const handlers: CallHandlers = {
    ...accountHandlers(accounts, mail),
    ...mailHandlers(mail),
    ...keystoreHandlers(keystore),
    ...transportHandlers(
      new PostureService(accounts, trust, systemClock),
      new ServerDiscovery({
        resolveSrv: dnsSrvResolver(),
        fetchText: httpsFetcher({ trust }),
        probe: (protocol, endpoint) => inspectServer(protocol, endpoint, trust).then(() => true),
        ...options.discovery,
      }),
    ),
    ...composeHandlers(
      new ComposeService(mail, accounts),
      new AddressSuggestions(mail, accounts),
      // Certificates come from the keystore; sending signs and encrypts through the S/MIME service.
      new ComposeReadinessService(accounts, { canProtect: true, keystore: keystoreOrNone(keystore) }),
      drafts,
      // MTA-STS policy hosts are verified like mail servers, against the same anchors.
      new RecipientDomains(accounts, new TransportPolicyService({ ...options.transportPolicy, trust, clock: systemClock })),
      // Only an open keystore is asked or written; a locked or missing one means no lookups at all.
      new CertificateFinder({
        keystore: async () => ((await keystore.status()).state === 'unlocked' ? keystore : null),
        sources: certificateSources({ accounts, trust, resolvers: options.transportPolicy?.resolvers, clock: systemClock }),
        clock: systemClock,
      }),
    ),
    // Attachments are saved from the part the reader showed (the decrypted one for encrypted mail).
    ...readerHandlers(new AttachmentService({ source: (accountId, folder, uid) => mail.displayedSource(accountId, folder, uid) }), new RemoteContentService(mail, new SenderAllowList(options.profileDir), lazySanitiser(), fetchRemoteImage)),
  };

  return {
    handlers,
    subscribe: (sink) => events.subscribe(sink),
    close: async () => {
      await Promise.all([mail.close(), drafts.close()]);
    },
  };
}

/** Building a sanitiser costs a DOM; done on first use, then kept. */
function lazySanitiser(): () => HtmlSanitiser {
  let sanitiser: HtmlSanitiser | null = null;
  return () => (sanitiser ??= new HtmlSanitiser());
}
