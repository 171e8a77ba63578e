/**
 * The composer, connected: completion and certificate status from the core, attachments read from
 * disk, drafts kept on the server (autosaved, Save draft, Close), and Send, which refuses (and says
 * why, with choices) whenever Sign or Encrypt is on and cannot be honoured, and asks first before an
 * answer to encrypted mail goes out unencrypted. It closes only when the core says the message went
 * out (its stored draft is then deleted); on failure the draft stays as it is and the reason is shown.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ComposeReadiness, DraftLocation, OpenedDraft, PreparedDraft, ReplyMode } from '../../../shared/compose-types';
import type { Account, SentMessage } from '../../../shared/domain';
import { MAX_ATTACHMENT_TOTAL_BYTES } from '../../../shared/inputs';
import { useApi } from '../../api/api-context';
import { ComposerForm, emptyDraft, exposureWarning, type Draft, type DraftFile, type RecipientKind } from '../../components/ComposerForm';
import type { Refusal, RefusalChoice } from '../../components/SendRefusal';
import { fileToBase64 } from '../../lib/files';
import { formatAddress, formatSize } from '../../lib/format';
import { parseRecipients } from '../../lib/recipients';
import { settle } from '../../lib/settle';
import { certificateRequest } from '../../lib/certificate-request';
import { useTransportWarning } from '../../lib/transport-warning';
import { useDraftSaving } from './use-draft-saving';
import { useRecipientCertificates } from './use-recipient-certificates';
import { useRecipientDomains } from './use-recipient-domains';
import { isEnforced } from '../../lib/delivery-words';
import './drafts.css';

/** How a reply or forward arrives: fields to start from, a title, and a note for the user. */
export interface ComposerStart {
  title: string;
  draft: Partial<Draft>;
  notice?: string | null;
  focus?: 'to' | 'text';
  /** The stored draft this composer continues; saving replaces it, sending deletes it. */
  draftRef?: DraftLocation | null;
}

export interface ComposerPanelProps {
  account: Account;
  start?: ComposerStart;
  onSent(sent: SentMessage): void;
  onClose(): void;
  onOpenCertificates?: () => void;
}

const KINDS: RecipientKind[] = ['to', 'cc', 'bcc'];

function allRecipients(draft: Draft): string[] {
  return [...draft.to, ...draft.cc, ...draft.bcc];
}

function refusalFor(draft: Draft, readiness: ComposeReadiness): Refusal | null {
  const missing = draft.encrypt && readiness.encrypt.available ? readiness.recipients.filter((r) => r.certificate !== 'known').map((r) => r.address) : [];
  const refusal: Refusal = {
    encryptUnavailable: draft.encrypt && !readiness.encrypt.available ? (readiness.encrypt.reason ?? 'encryption is not available.') : null,
    missing,
    canRemoveMissing: draft.to.some((a) => !missing.includes(a)),
    canAskForCertificate: readiness.sign.available,
    signUnavailable: draft.sign && !readiness.sign.available ? (readiness.sign.reason ?? 'signing is not available.') : null,
    exposesEncryptedOriginal: null,
  };
  return refusal.encryptUnavailable !== null || refusal.missing.length > 0 || refusal.signUnavailable !== null ? refusal : null;
}

export function ComposerPanel({ account, start, onSent, onClose, onOpenCertificates }: ComposerPanelProps) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => ({ ...emptyDraft(), ...start?.draft }));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [reading, setReading] = useState<string[]>([]);
  const [askNotice, setAskNotice] = useState<string | null>(null);
  const mounted = useRef(true);
  const latest = useRef(draft);
  latest.current = draft;
  // Set only by the explicit "Send unencrypted anyway", for the send it starts.
  const plainConfirmed = useRef(false);
  const drafts = useDraftSaving({ api, accountId: account.id, draft, initialRef: start?.draftRef ?? null, paused: pending });
  // Set only by the explicit "Send anyway" after the unenforced-TLS warning, for the send it starts.
  const transportConfirmed = useRef(false);
  // Whether the warning was shown to a send whose unencrypted answer had already been confirmed.
  const plainConfirmedAtWarning = useRef(false);
  const [warnUnenforced] = useTransportWarning();
  const recipientDomains = useRecipientDomains(api, account.id, allRecipients(draft));

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const { certificates, lookups } = useRecipientCertificates(api, account.id, allRecipients(draft));

  const suggest = useCallback(
    async (query: string) => {
      const result = await settle(() => api.suggestAddresses({ accountId: account.id, query }));
      return result.ok ? result.value : [];
    },
    [api, account.id],
  );

  const addFiles = async (files: File[]) => {
    const used = latest.current.attachments.reduce((sum, f) => sum + f.size, 0);
    const incoming = files.reduce((sum, f) => sum + f.size, 0);
    if (used + incoming > MAX_ATTACHMENT_TOTAL_BYTES) {
      setError(`Attachments may add up to ${formatSize(MAX_ATTACHMENT_TOTAL_BYTES)}; these would make ${formatSize(used + incoming)}. Nothing was added.`);
      return;
    }
    setError(null);
    setReading((old) => [...old, ...files.map((f) => f.name)]);
    const read: DraftFile[] = [];
    for (const file of files) {
      try {
        read.push({ id: crypto.randomUUID(), filename: file.name || 'attachment', contentType: file.type || 'application/octet-stream', size: file.size, base64: await fileToBase64(file) });
      } catch {
        if (mounted.current) setError(`“${file.name}” could not be read. Nothing else was changed.`);
      }
    }
    if (!mounted.current) return;
    setReading((old) => old.filter((name) => !files.some((f) => f.name === name)));
    setDraft((old) => ({ ...old, attachments: [...old.attachments, ...read] }));
  };

  const send = async () => {
    // Whatever is still typed in a box counts, as long as it is an address.
    let next = latest.current;
    for (const kind of KINDS) {
      const { addresses, invalid } = parseRecipients(next.typed[kind]);
      if (invalid.length > 0) {
        setError(`“${invalid[0]}” is not an e-mail address. Separate addresses with commas.`);
        return;
      }
      const merged = [...next[kind]];
      for (const address of addresses) if (!merged.some((a) => a.toLowerCase() === address.toLowerCase())) merged.push(address);
      next = { ...next, [kind]: merged, typed: { ...next.typed, [kind]: '' } };
    }
    setDraft(next);
    if (next.to.length === 0) {
      setError(next.cc.length + next.bcc.length > 0 ? 'Add at least one recipient in To.' : 'Add at least one recipient.');
      return;
    }
    setError(null);
    const confirmed = plainConfirmed.current;
    plainConfirmed.current = false;
    if (next.originalEncrypted && !next.encrypt && !confirmed) {
      setRefusal({ encryptUnavailable: null, missing: [], canRemoveMissing: false, signUnavailable: null, exposesEncryptedOriginal: exposureWarning(next) });
      return;
    }
    setPending(true);

    if (next.sign || next.encrypt) {
      const readiness = await settle(() => api.composeReadiness({ accountId: account.id, recipients: allRecipients(next) }));
      if (!mounted.current) return;
      if (!readiness.ok) {
        setPending(false);
        setError(`Sealmail could not check whether this message can be signed and encrypted, so it was not sent: ${readiness.error.message}`);
        return;
      }
      const problem = refusalFor(next, readiness.value);
      if (problem) {
        setPending(false);
        setRefusal(problem);
        return;
      }
    }
    const transportOk = transportConfirmed.current;
    transportConfirmed.current = false;
    if (warnUnenforced && !transportOk) {
      // A failed lookup counts as not enforced: the warning is for what Sealmail cannot vouch for.
      const policies = await recipientDomains.ensure(allRecipients(next));
      if (!mounted.current) return;
      const unenforced = policies ? policies.filter((policy) => !isEnforced(policy)).map((policy) => policy.domain) : [];
      if (unenforced.length > 0) {
        plainConfirmedAtWarning.current = confirmed;
        setPending(false);
        setRefusal({ encryptUnavailable: null, missing: [], canRemoveMissing: false, signUnavailable: null, exposesEncryptedOriginal: null, unenforcedTransport: unenforced });
        return;
      }
    }
    setRefusal(null);

    const result = await settle(() =>
      api.sendMessage({
        accountId: account.id,
        to: next.to,
        cc: next.cc,
        bcc: next.bcc,
        subject: next.subject,
        text: next.text,
        attachments: next.attachments.map(({ filename, contentType, base64 }) => ({ filename, contentType, base64 })),
        inReplyTo: next.inReplyTo,
        references: next.references,
        sign: next.sign,
        encrypt: next.encrypt,
      }),
    );
    if (!mounted.current) return;
    if (!result.ok) {
      setPending(false);
      setError(result.error.message);
      return;
    }
    // Sent: the stored draft goes. Left behind (server unreachable), it is only a copy in Drafts.
    drafts.finish();
    await drafts.removeStored();
    if (!mounted.current) return;
    setPending(false);
    onSent(result.value);
  };

  // A signed, unencrypted request to those without a certificate; this message stays a draft until
  // their signed replies are read and their certificates collected.
  const askForCertificate = async (missing: string[]) => {
    setRefusal(null);
    setPending(true);
    const request = certificateRequest(account.displayName || account.address);
    const asked = await settle(() => api.sendMessage({ accountId: account.id, to: missing, cc: [], bcc: [], ...request, attachments: [], inReplyTo: null, references: [], sign: true, encrypt: false }));
    if (!mounted.current) return;
    setPending(false);
    if (!asked.ok) {
      setError(`The request for a certificate was not sent: ${asked.error.message}`);
      return;
    }
    // The draft remembers whom it asked, so reopened later it can say when their certificate came;
    // it is saved once that is in it (the effect below, after the next render).
    setDraft((old) => ({ ...old, askedForCertificates: [...new Set([...old.askedForCertificates, ...missing])] }));
    justAsked.current = missing;
  };

  const justAsked = useRef<string[] | null>(null);
  useEffect(() => {
    const missing = justAsked.current;
    if (!missing) return;
    justAsked.current = null;
    void drafts.saveNow(true).then((problem) => {
      if (!mounted.current) return;
      setAskNotice(
        `Asked ${missing.join(', ')} for their certificate with a signed message. ${problem ? `This message could not be saved as a draft (${problem}); keep the composer open` : 'This message is kept in Drafts'}: when their signed reply has been read, it can be sent encrypted.`,
      );
    });
  }, [draft.askedForCertificates, drafts]);

  const saveDraft = async () => {
    const problem = await drafts.saveNow(true);
    if (mounted.current) setError(problem);
  };

  // Close keeps the draft: it is saved first, and a refused save keeps the composer open.
  const close = async () => {
    if (drafts.unsaved()) {
      const problem = await drafts.saveNow(true);
      if (!mounted.current) return;
      if (problem) {
        setError(problem);
        return;
      }
    }
    onClose();
  };

  // Discard throws the message away, its stored draft included.
  const discard = async () => {
    drafts.finish();
    if (!drafts.stored()) {
      onClose();
      return;
    }
    const problem = await drafts.removeStored();
    if (!mounted.current) return;
    if (problem) {
      setError(`The saved draft could not be deleted: ${problem} Discard again to retry, or keep writing.`);
      drafts.resume();
    } else onClose();
  };

  const choose = (choice: RefusalChoice) => {
    if (!refusal) return;
    if (choice === 'sendUnencrypted') {
      setRefusal(null);
      plainConfirmed.current = true;
      void send();
      return;
    }
    if (choice === 'sendWithoutEnforcedTls') {
      setRefusal(null);
      transportConfirmed.current = true;
      plainConfirmed.current = plainConfirmedAtWarning.current;
      void send();
      return;
    }
    if (choice === 'askForCertificate') {
      void askForCertificate(refusal.missing);
      return;
    }
    if (choice === 'keepEditing') {
      setRefusal(null);
      return;
    }
    if (choice === 'encryptOn') {
      setDraft((old) => ({ ...old, encrypt: true }));
      setRefusal(null);
      return;
    }
    let remaining: Refusal | null = refusal;
    if (choice === 'removeMissing') {
      const gone = new Set(refusal.missing.map((a) => a.toLowerCase()));
      setDraft((old) => ({ ...old, to: old.to.filter((a) => !gone.has(a.toLowerCase())), cc: old.cc.filter((a) => !gone.has(a.toLowerCase())), bcc: old.bcc.filter((a) => !gone.has(a.toLowerCase())) }));
      remaining = { ...refusal, missing: [] };
    } else if (choice === 'encryptOff') {
      setDraft((old) => ({ ...old, encrypt: false }));
      remaining = { ...refusal, missing: [], encryptUnavailable: null };
    } else if (choice === 'signOff') {
      setDraft((old) => ({ ...old, sign: false }));
      remaining = { ...refusal, signUnavailable: null };
    }
    const open = remaining && (remaining.encryptUnavailable !== null || remaining.missing.length > 0 || remaining.signUnavailable !== null);
    setRefusal(open ? remaining : null);
  };

  const from = useMemo(() => formatAddress({ name: account.displayName, address: account.address }), [account]);

  return (
    <ComposerForm
      title={start?.title ?? 'New message'}
      from={from}
      draft={draft}
      onChange={(update) => {
        setDraft(update);
      }}
      certificates={certificates}
      certificateLookups={lookups}
      suggest={suggest}
      pending={pending}
      error={error}
      notice={askNotice ?? arrivalNotice(draft, certificates) ?? start?.notice ?? null}
      refusal={refusal}
      onRefusalChoice={choose}
      readingFiles={reading}
      onAddFiles={(files) => void addFiles(files)}
      onSend={() => void send()}
      onDiscard={() => void discard()}
      onClose={() => void close()}
      onSaveDraft={() => void saveDraft()}
      draftStatus={drafts.status}
      savingDraft={drafts.saving}
      onOpenCertificates={onOpenCertificates}
      focus={start?.focus ?? 'to'}
      recipientDomains={recipientDomains.state}
    />
  );
}

/** Says so once the certificate of someone this message asked for has become known. */
function arrivalNotice(draft: Draft, certificates: Readonly<Record<string, string>>): string | null {
  const arrived = draft.askedForCertificates.filter((address) => certificates[address.toLowerCase()] === 'known');
  if (arrived.length === 0) return null;
  return `${arrived.join(', ')} replied signed: ${arrived.length === 1 ? 'their certificate is' : 'their certificates are'} now known, so this message can be sent encrypted.`;
}

const TITLES: Record<ReplyMode, string> = { reply: 'Reply', replyAll: 'Reply to all', forward: 'Forward' };

/** The composer's start for a reply or forward the core prepared. Sign and Encrypt start pressed, as always. */
export function startFromPrepared(mode: ReplyMode, prepared: PreparedDraft): ComposerStart {
  return {
    title: TITLES[mode],
    notice: prepared.notice,
    focus: mode === 'forward' ? 'to' : 'text',
    draft: {
      to: prepared.to,
      cc: prepared.cc,
      subject: prepared.subject,
      text: prepared.text,
      inReplyTo: prepared.inReplyTo,
      references: prepared.references,
      attachments: prepared.attachments.map((file) => ({ id: crypto.randomUUID(), ...file })),
      originalEncrypted: prepared.originalEncrypted === true,
    },
  };
}

/** The composer's start for a draft reopened from the server: every field, Sign and Encrypt as they were left. */
export function startFromOpened(opened: OpenedDraft): ComposerStart {
  return {
    title: 'Draft',
    notice: opened.notice,
    focus: opened.to.length > 0 ? 'text' : 'to',
    draftRef: opened.ref,
    draft: {
      to: opened.to,
      cc: opened.cc,
      bcc: opened.bcc,
      subject: opened.subject,
      text: opened.text,
      inReplyTo: opened.inReplyTo,
      references: opened.references,
      attachments: opened.attachments.map((file) => ({ id: crypto.randomUUID(), ...file })),
      sign: opened.sign,
      encrypt: opened.encrypt,
      originalEncrypted: opened.originalEncrypted,
      askedForCertificates: opened.askedForCertificates,
    },
  };
}
