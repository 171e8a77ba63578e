/**
 * The renderer's root: the API goes into context, accounts are loaded, and the setup form or the
 * mail window is shown. Composition only; the features do the work.
 */
import { useState } from 'react';
import type { SealmailApi } from '../../shared/contract';
import { ApiProvider } from '../api/api-context';
import { ErrorPanel } from '../components/ErrorPanel';
import { Spinner } from '../components/Notices';
import { AccountSetup } from '../features/accounts/AccountSetup';
import { useAccounts } from '../features/accounts/use-accounts';
import { ShortcutsProvider } from '../features/shortcuts/ShortcutsProvider';
import { ErrorBoundary } from './ErrorBoundary';
import { MailScreen } from './MailScreen';

export function App({ api }: { api: SealmailApi }) {
  return (
    <ErrorBoundary label="Sealmail">
      <ApiProvider api={api}>
        <Sealmail />
      </ApiProvider>
    </ErrorBoundary>
  );
}

function Sealmail() {
  const { state, retry, added } = useAccounts();
  const [adding, setAdding] = useState(false);
  const [currentId, setCurrentId] = useState<string | null>(null);

  if (state.status === 'loading') {
    return (
      <div className="splash">
        <Spinner label="Starting Sealmail…" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="splash">
        <ErrorPanel title="Sealmail could not load your accounts" message={state.message}>
          <button type="button" className="button button-primary" onClick={retry}>
            Try again
          </button>
        </ErrorPanel>
      </div>
    );
  }

  const { accounts } = state;
  const account = accounts.find((a) => a.id === currentId) ?? accounts[0];

  if (adding || !account) {
    return (
      <main className="setup-screen" aria-label="Account setup">
        <AccountSetup
          onAdded={(created) => {
            added(created);
            setCurrentId(created.id);
            setAdding(false);
          }}
          onCancel={account ? () => setAdding(false) : undefined}
        />
      </main>
    );
  }

  return (
    <ShortcutsProvider>
      <MailScreen
        key={account.id}
        account={account}
        accounts={accounts}
        onSwitchAccount={setCurrentId}
        onAddAccount={() => setAdding(true)}
      />
    </ShortcutsProvider>
  );
}
