/** The profile's accounts, loaded once at start; a newly added account is appended locally. */
import { useCallback, useEffect, useState } from 'react';
import type { Account } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { settle } from '../../lib/settle';

export type AccountsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; accounts: Account[] };

export function useAccounts() {
  const api = useApi();
  const [state, setState] = useState<AccountsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void settle(() => api.listAccounts({})).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', accounts: result.value } : { status: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const added = useCallback((account: Account) => {
    setState((old) => {
      const accounts = old.status === 'ready' ? old.accounts.filter((a) => a.id !== account.id) : [];
      return { status: 'ready', accounts: [...accounts, account] };
    });
  }, []);

  return { state, retry, added };
}
