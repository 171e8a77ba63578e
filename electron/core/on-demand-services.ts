/**
 * The services a start does not need before the inbox's first page: the keystore, S/MIME,
 * composing and drafts, the reader's attachments and remote content, connection security and
 * server discovery. Their code (pkijs, jsdom, nodemailer's composer, ldapts…) takes several
 * hundred milliseconds to load; create-core.ts imports this module on the first call that needs
 * it, or just after the first page has been answered, so a start shows mail first.
 */
import { join } from 'node:path';
import type { CallHandlers } from '../../shared/contract';
import type { composeCalls } from '../../shared/calls/compose-calls';
import type { keystoreCalls } from '../../shared/calls/keystore-calls';
import type { readerCalls } from '../../shared/calls/reader-calls';
import type { transportCalls } from '../../shared/calls/transport-calls';
import type { AccountService } from './accounts/account-service';
import { AttachmentService } from './attachments/attachment-service';
import { AddressSuggestions } from './compose/address-suggestions';
import { composeHandlers } from './compose/compose-handlers';
import { ComposeReadinessService } from './compose/compose-readiness';
import { ComposeService } from './compose/compose-service';
import { ImapDraftMailbox } from './compose/draft-mailbox';
import { DraftService } from './compose/draft-service';
import { RecipientDomains } from './compose/recipient-domains';
import type { CoreOptions } from './create-core';
import { CertificateFinder } from './discovery/certificate-finder';
import { certificateSources } from './discovery/certificate-sources';
import { keystoreHandlers } from './keystore/keystore-handlers';
import { keystoreOrNone } from './keystore/keystore-or-none';
import { KEYSTORE_FILE_NAME, KeystoreService } from './keystore/keystore-service';
import type { MailService, MailSmime } from './mail/mail-service';
import { HtmlSanitiser } from './mime/sanitize-html';
import { createSmimeService } from './smime/create-smime-service';
import { systemClock, type Logger } from './ports';
import { readerHandlers } from './reader/reader-handlers';
import { fetchRemoteImage } from './remote-content/fetch-remote-image';
import { RemoteContentService } from './remote-content/remote-content-service';
import { SenderAllowList } from './remote-content/sender-allow-list';
import { dnsSrvResolver, ServerDiscovery } from './setup/discover-servers';
import { httpsFetcher } from './setup/https-fetch';
import { PostureService } from './transport/posture-service';
import { inspectServer } from './transport/tls-inspect';
import { transportHandlers } from './transport/transport-handlers';
import { TransportPolicyService } from './transport-policy/transport-policy-service';
import type { TrustSettings } from './transport/tls-policy';

/** The calls these services answer: every area but accounts and mail. */
export type OnDemandCall = keyof typeof composeCalls | keyof typeof readerCalls | keyof typeof keystoreCalls | keyof typeof transportCalls;

/** What they are built on: the services every start has. */
export interface CoreBase {
  options: CoreOptions;
  trust: TrustSettings;
  logger: Logger;
  accounts: AccountService;
  mail: MailService;
}

export interface OnDemandServices {
  handlers: Pick<CallHandlers, OnDemandCall>;
  /** Every opened message's S/MIME verdict; Sign and Encrypt on send. */
  smime: MailSmime;
  close(): Promise<void>;
}

export function createOnDemandServices({ options, trust, logger, accounts, mail }: CoreBase): OnDemandServices {
  const keystore = new KeystoreService({ path: join(options.profileDir, KEYSTORE_FILE_NAME), keyWrapper: options.keyWrapper });
  // Every opened message gets its S/MIME verdict; Sign and Encrypt go through it on send.
  // The extra anchors (a company CA) vouch for signers as the system roots do.
  const smime = createSmimeService(keystore, systemClock, trust.extraTrustAnchors);
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
  const handlers: Pick<CallHandlers, OnDemandCall> = {
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

  return { handlers, smime, close: () => drafts.close() };
}

/** Building a sanitiser costs a DOM; done on first use, then kept. */
function lazySanitiser(): () => HtmlSanitiser {
  let sanitiser: HtmlSanitiser | null = null;
  return () => (sanitiser ??= new HtmlSanitiser());
}
