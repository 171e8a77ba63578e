/**
 * Why Send did not send: Sign or Encrypt was on and cannot be honoured, or an answer to encrypted
 * mail would go out unencrypted. Each problem comes with the choices that resolve it, and the user
 * must pick one; nothing is sent unprotected by itself.
 */
import { useEffect, useId, useRef } from 'react';
import { Icon } from './Icon';

export interface Refusal {
  /** Encrypt is on but this build or account cannot encrypt at all. */
  encryptUnavailable: string | null;
  /** Encrypt is on and these recipients have no certificate known. */
  missing: string[];
  /** Whether removing `missing` would still leave someone to send to. */
  canRemoveMissing: boolean;
  /** Whether a signed request for their certificate can be sent to `missing` (signing is possible). */
  canAskForCertificate?: boolean;
  /** Sign is on but cannot be done. */
  signUnavailable: string | null;
  /** Encrypt is off in an answer to encrypted mail: the warning to confirm, or null. */
  exposesEncryptedOriginal?: string | null;
  /**
   * The user asked to be warned, and these recipient domains do not enforce TLS between servers
   * (no DANE, no MTA-STS in enforce mode, or the lookup failed): confirm, or keep editing.
   */
  unenforcedTransport?: string[] | null;
}

export type RefusalChoice = 'removeMissing' | 'encryptOff' | 'signOff' | 'keepEditing' | 'sendUnencrypted' | 'encryptOn' | 'sendWithoutEnforcedTls' | 'askForCertificate';

function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

export function SendRefusal({ refusal, onChoose }: { refusal: Refusal; onChoose(choice: RefusalChoice): void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const encryptProblem = refusal.encryptUnavailable !== null || refusal.missing.length > 0;
  return (
    <section className="send-refusal" role="alert" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1} className="send-refusal-title">
        <Icon name="alert" />
        Not sent
      </h3>
      {encryptProblem ? (
        <div className="send-refusal-problem">
          <p>
            {refusal.encryptUnavailable !== null
              ? `Encrypt is on, but ${refusal.encryptUnavailable}`
              : `Encrypt is on, but no certificate is known for ${names(refusal.missing)}, so the message cannot be encrypted to ${refusal.missing.length === 1 ? 'them' : 'everyone'}.`}
          </p>
          <div className="send-refusal-choices">
            {refusal.encryptUnavailable === null && refusal.missing.length > 0 && refusal.canAskForCertificate ? (
              <button type="button" className="button button-small" onClick={() => onChoose('askForCertificate')}>
                Ask for their certificate
              </button>
            ) : null}
            {refusal.encryptUnavailable === null && refusal.canRemoveMissing ? (
              <button type="button" className="button button-small" onClick={() => onChoose('removeMissing')}>
                Remove recipients without a certificate
              </button>
            ) : null}
            <button type="button" className="button button-small" onClick={() => onChoose('encryptOff')}>
              Turn encryption off for this message
            </button>
          </div>
        </div>
      ) : null}
      {refusal.exposesEncryptedOriginal ? (
        <div className="send-refusal-problem">
          <p>{refusal.exposesEncryptedOriginal}</p>
          <div className="send-refusal-choices">
            <button type="button" className="button button-small" onClick={() => onChoose('encryptOn')}>
              Turn encryption back on
            </button>
            <button type="button" className="button button-small" onClick={() => onChoose('sendUnencrypted')}>
              Send unencrypted anyway
            </button>
          </div>
        </div>
      ) : null}
      {refusal.unenforcedTransport && refusal.unenforcedTransport.length > 0 ? (
        <div className="send-refusal-problem">
          <p>
            {names(refusal.unenforcedTransport)} {refusal.unenforcedTransport.length === 1 ? 'does' : 'do'} not enforce TLS between mail servers, so on its way from your provider this message may travel
            readable by anyone on the network{' '}
            {refusal.unenforcedTransport.length === 1 ? 'to that domain' : 'to those domains'}. You asked to be warned.
          </p>
          <div className="send-refusal-choices">
            <button type="button" className="button button-small" onClick={() => onChoose('sendWithoutEnforcedTls')}>
              Send anyway
            </button>
            <button type="button" className="button button-small" onClick={() => onChoose('keepEditing')}>
              Keep editing
            </button>
          </div>
        </div>
      ) : null}
      {refusal.signUnavailable !== null ? (
        <div className="send-refusal-problem">
          <p>Sign is on, but {refusal.signUnavailable}</p>
          <div className="send-refusal-choices">
            <button type="button" className="button button-small" onClick={() => onChoose('signOff')}>
              Turn signing off for this message
            </button>
          </div>
        </div>
      ) : null}
      {encryptProblem || refusal.signUnavailable !== null ? (
        <p className="muted send-refusal-next">After choosing, press Send again. Sealmail never sends unprotected on its own.</p>
      ) : null}
    </section>
  );
}
