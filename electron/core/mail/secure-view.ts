/**
 * The message view of a message as S/MIME judges it. The verdict comes first; a signed or
 * encrypted message then shows only its `displayed` part (what was signed or decrypted), never
 * parts from outside that, with the message header taken from the outer message. Decrypted content
 * without integrity protection never loads remote content (EFAIL). A locked keystore does not fail
 * the view: encrypted mail asks the user to unlock their certificates.
 */
import type { MessageView } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { SmimeVerdict } from '../../../shared/smime-types';
import { parseMessage, type MessageLocation } from '../mime/parse-message';
import type { HtmlSanitiser } from '../mime/sanitize-html';
import { headerValue, parseContentType, parseHeaderFields, splitHeaderAndBody } from '../smime/mime/raw-entity';
import type { SecureMessage } from '../smime/read-secure-message';
import { KEYSTORE_LOCKED_TO_READ, NO_KEYSTORE_TO_READ } from '../smime/keystore-unavailable';
import { readOuterHeader } from './outer-header';
import { protectedHeaderView, withoutLegacyDisplay } from './protected-header-view';

/** What the view needs of the S/MIME service: SmimeService.read. */
export interface SecureReader {
  read(raw: Buffer): Promise<SecureMessage>;
}

// The S/MIME service answers a locked or missing keystore itself; these cover a lock mid-read.
const LOCKED_TO_CHECK = 'Unlock your certificates to check this signature.';
const NO_KEYSTORE_TO_CHECK = 'Set up your certificates to check this signature.';

/** Builds the view of `raw`; without a reader (no S/MIME in this core), the plain parse. */
export async function secureView(raw: Buffer, where: MessageLocation, sanitiser: HtmlSanitiser, reader: SecureReader | null): Promise<MessageView> {
  if (!reader) return parseMessage(raw, where, sanitiser);
  const kind = smimeKind(raw);
  let secure: SecureMessage;
  try {
    secure = await reader.read(raw);
  } catch (error) {
    const unavailable = error instanceof SealmailError && (error.code === 'KEYSTORE_LOCKED' || error.code === 'NOT_FOUND');
    if (!unavailable) throw error;
    return unverifiedView(raw, where, sanitiser, kind, error.code === 'KEYSTORE_LOCKED');
  }
  const { verdict, displayed } = secure;
  // Neither signed nor encrypted, or judged as the whole message: shown as it is, parsed once.
  // So is a message whose root is not S/MIME but too broken to look inside: it shows as raw text
  // with the parser's notice, like any broken mail, beside the reader's reason.
  const plain = verdict.signature.status === 'none' && verdict.encryption.status === 'none';
  const brokenPlain = !displayed && kind === 'plain';
  if (plain || brokenPlain || (displayed && (displayed.raw === raw || displayed.depth === 0))) {
    return { ...(await parseMessage(raw, where, sanitiser)), ...remotePolicy(verdict), security: verdict };
  }
  // Otherwise the outer message gives its header only; its body is the signed or encrypted part.
  const header = await readOuterHeader(raw, where);
  if (!displayed) {
    // Not readable (not a recipient, or broken): the header and the reason, nothing from inside.
    const reason = verdict.encryption.reason ?? verdict.signature.reason ?? 'This message could not be opened.';
    return { ...header, ...reasonOnly(reason), security: verdict };
  }
  // Only the signed or decrypted part is shown; the header (From, Subject...) is the protected one
  // inside it when it carries one (RFC 9788), else the outer message's.
  const protectedView = await protectedHeaderView(header, displayed.raw, where, verdict.encryption.status === 'decrypted');
  const inner = await parseMessage(protectedView?.content ?? displayed.raw, where, sanitiser);
  return {
    ...(protectedView?.header ?? header),
    ...(protectedView ? { headerProtection: protectedView.protection } : {}),
    text: protectedView ? withoutLegacyDisplay(inner.text, protectedView.content) : inner.text,
    html: inner.html,
    remoteContentBlocked: inner.remoteContentBlocked,
    attachments: inner.attachments,
    parseError: inner.parseError,
    ...remotePolicy(verdict),
    security: verdict,
  };
}

/** The body of a view that shows only why the message cannot be shown. */
function reasonOnly(reason: string): Pick<MessageView, 'text' | 'html' | 'remoteContentBlocked' | 'remoteContentAllowed' | 'attachments' | 'parseError'> {
  return { text: reason, html: null, remoteContentBlocked: false, remoteContentAllowed: false, attachments: [], parseError: null };
}

export { mayCacheView, needsFreshVerdict } from './view-freshness';

function remotePolicy(verdict: SmimeVerdict): Pick<MessageView, 'remoteContentAllowed'> {
  const decrypted = verdict.encryption.status === 'decrypted';
  return decrypted && !verdict.encryption.integrityProtected ? { remoteContentAllowed: false } : {};
}

type SmimeKind = 'encrypted' | 'signed' | 'plain';

/** What the root of the message says it is, read from its Content-Type alone. */
function smimeKind(raw: Buffer): SmimeKind {
  const { mediaType, params } = parseContentType(headerValue(parseHeaderFields(splitHeaderAndBody(raw).headerBytes), 'content-type'));
  if (mediaType === 'multipart/signed') return 'signed';
  if (/^application\/(x-)?pkcs7-mime$/.test(mediaType)) return /signed-data/i.test(params['smime-type'] ?? '') ? 'signed' : 'encrypted';
  return 'plain';
}

async function unverifiedView(raw: Buffer, where: MessageLocation, sanitiser: HtmlSanitiser, kind: SmimeKind, locked: boolean): Promise<MessageView> {
  if (kind === 'encrypted') {
    // Nothing inside can be read now: the outer header and how to read it.
    const reason = locked ? KEYSTORE_LOCKED_TO_READ : NO_KEYSTORE_TO_READ;
    return {
      ...(await readOuterHeader(raw, where)),
      ...reasonOnly(reason),
      security: { signature: NOTHING.signature, encryption: { status: 'error', algorithm: null, reason, integrityProtected: false } },
    };
  }
  const outer = await parseMessage(raw, where, sanitiser);
  if (kind === 'plain') return { ...outer, security: NOTHING };
  // Signed but not checkable now: shown, with a verdict that says why it was not checked.
  const reason = locked ? LOCKED_TO_CHECK : NO_KEYSTORE_TO_CHECK;
  return { ...outer, security: { signature: { status: 'error', signer: null, reason, details: null }, encryption: NOTHING.encryption } };
}

const NOTHING: SmimeVerdict = {
  signature: { status: 'none', signer: null, reason: null, details: null },
  encryption: { status: 'none', algorithm: null, reason: null, integrityProtected: false },
};
