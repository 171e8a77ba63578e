/**
 * The certificate manager, over the mail window: your certificates, people and authorities, behind
 * the keystore gate. Reached from the main window's sidebar.
 */
import { useEffect, useState } from 'react';
import type { Account } from '../../../shared/domain';
import { Icon } from '../../components/Icon';
import { ErrorAlert, Spinner } from '../../components/Notices';
import { AuthoritiesTab } from './AuthoritiesTab';
import './certificates.css';
import { IdentitiesTab } from './IdentitiesTab';
import { KeystoreGate } from './KeystoreGate';
import { PeopleTab } from './PeopleTab';
import { useKeystoreOverview } from './use-keystore-overview';

const TABS = [
  { id: 'identities', label: 'Your certificates' },
  { id: 'people', label: 'People' },
  { id: 'authorities', label: 'Authorities' },
] as const;

type TabId = (typeof TABS)[number]['id'];

export function CertificateManager({ account, onClose }: { account: Account; onClose(): void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="certificate-manager" role="dialog" aria-modal="true" aria-labelledby="certificate-manager-title">
      <div className="certificate-manager-titlebar">
        <h2 id="certificate-manager-title">
          <Icon name="shield" /> Certificates
        </h2>
        <button type="button" className="button button-quiet button-small" onClick={onClose} aria-label="Close certificates">
          <Icon name="close" />
        </button>
      </div>
      <div className="certificate-manager-body">
        <KeystoreGate>
          <ManagerTabs account={account} />
        </KeystoreGate>
      </div>
    </div>
  );
}

function ManagerTabs({ account }: { account: Account }) {
  const [tab, setTab] = useState<TabId>('identities');
  const { overview, error, reload } = useKeystoreOverview();
  const changed = () => void reload();
  return (
    <>
      <div role="tablist" className="certificate-tabs" aria-label="Certificate lists">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} className="certificate-tab-button" onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <ErrorAlert message={error} />
        {!overview ? (
          error ? null : <Spinner label="Loading certificates…" />
        ) : tab === 'identities' ? (
          <IdentitiesTab overview={overview} account={account} onChanged={changed} />
        ) : tab === 'people' ? (
          <PeopleTab overview={overview} onChanged={changed} />
        ) : (
          <AuthoritiesTab overview={overview} onChanged={changed} />
        )}
      </div>
    </>
  );
}
