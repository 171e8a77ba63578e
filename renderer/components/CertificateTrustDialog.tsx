/**
 * The explicit question before Sealmail trusts a certificate no authority vouches for: the whole
 * certificate is shown, "Don't trust" has the focus, and only the named button pins it. Presentational.
 */
import { useEffect, useId, useRef } from 'react';
import type { CertificateSummary } from '../../shared/errors';
import { CertificateSummaryList } from './CertificateSummaryList';

export interface CertificateTrustDialogProps {
  certificate: CertificateSummary;
  /** Why it was refused, in the core's words. */
  reason: string;
  onTrust(): void;
  onCancel(): void;
}

export function CertificateTrustDialog({ certificate, reason, onTrust, onCancel }: CertificateTrustDialogProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const host = certificate.server?.host ?? 'this server';

  return (
    <div className="modal-backdrop">
      <div
        className="modal trust-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-reason`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id={`${id}-title`}>Trust this certificate for {host}?</h2>
        <p id={`${id}-reason`}>{reason}</p>
        <CertificateSummaryList certificate={certificate} />
        <p className="field-hint">
          Trust it only if the fingerprint matches the one your provider or administrator gave you. Sealmail will then accept exactly this
          certificate for this server, and will refuse loudly if it ever changes.
        </p>
        <div className="form-actions">
          <button type="button" className="button" ref={cancel} onClick={onCancel}>
            Don’t trust
          </button>
          <button type="button" className="button button-danger" onClick={onTrust}>
            Trust this certificate
          </button>
        </div>
      </div>
    </div>
  );
}
