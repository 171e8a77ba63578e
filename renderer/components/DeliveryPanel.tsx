/**
 * The details of the Delivery indicator: each hop the message's Received headers describe, in the
 * order it travelled, with how it was protected and whether the user's own provider wrote it or it
 * is only a claim. Drawn by the app outside the message frame. Presentational.
 */
import type { DeliveryReport } from '../../shared/delivery-types';
import { hopProtection, hopSource } from '../lib/delivery-words';
import { formatFullDate } from '../lib/format';

export function DeliveryPanel({ id, report }: { id: string; report: DeliveryReport }) {
  return (
    <section id={id} className="security-panel delivery-panel" aria-label="Delivery details">
      <p className="delivery-note">
        How this message travelled between mail servers, as their Received headers say. This is about the road, not the writer: it never makes a signature more or less valid.
      </p>
      {report.hops.length === 0 ? (
        <p>This message carries no delivery record (no Received headers), so Sealmail cannot say how it travelled.</p>
      ) : (
        <ol className="delivery-hops">
          {report.hops.map((hop, index) => (
            <li key={index} className={`delivery-hop${hop.trusted ? '' : ' delivery-claim'}${hop.unreadable ? ' delivery-unreadable' : ''}`}>
              <div className="delivery-hop-route">
                {hop.unreadable ? (
                  <span>Hop {index + 1}</span>
                ) : (
                  <span>
                    {hop.from ?? 'an unnamed host'}
                    {hop.fromIp && hop.from !== `[${hop.fromIp}]` ? <span className="muted"> [{hop.fromIp}]</span> : null} → {hop.by ?? 'an unnamed host'}
                  </span>
                )}
                {hop.protocol ? <span className="muted"> · {hop.protocol}</span> : null}
                {hop.time ? <span className="muted"> · {formatFullDate(hop.time)}</span> : null}
              </div>
              <div className="delivery-hop-tls">{hopProtection(hop)}</div>
              <div className="delivery-hop-source muted">{hopSource(hop)}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
