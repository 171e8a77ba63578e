/** Opens the selected message through the core and shows it; failures are shown in words. */
import { useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { MessageReader } from '../../components/MessageReader';
import { EmptyState, ErrorAlert, Spinner } from '../../components/Notices';
import { settle } from '../../lib/settle';

export interface MessagePaneProps {
  accountId: string;
  folder: string;
  uid: number | null;
  onOpened?: (message: MessageView) => void;
}

type PaneState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; message: MessageView };

export function MessagePane({ accountId, folder, uid, onOpened }: MessagePaneProps) {
  const api = useApi();
  const [state, setState] = useState<PaneState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  // A notification only: a new function identity must not reopen the message.
  const opened = useRef(onOpened);
  opened.current = onOpened;

  useEffect(() => {
    if (uid === null) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    void settle(() => api.openMessage({ accountId, folder, uid })).then((result) => {
      if (!live) return;
      if (result.ok) {
        setState({ status: 'ready', message: result.value });
        opened.current?.(result.value);
      } else {
        setState({ status: 'error', message: result.error.message });
      }
    });
    return () => {
      live = false;
    };
  }, [api, accountId, folder, uid, attempt]);

  switch (state.status) {
    case 'idle':
      return <EmptyState title="No message selected">Choose a message from the list to read it.</EmptyState>;
    case 'loading':
      return <Spinner label="Opening message…" />;
    case 'error':
      return (
        <div className="pane-error pane-error-centered">
          <ErrorAlert message={state.message} />
          <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      return <MessageReader key={`${state.message.folder}:${state.message.uid}`} message={state.message} />;
  }
}
