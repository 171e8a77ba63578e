/**
 * The bar over a message whose remote content was blocked: says so, and offers to load it for this
 * message or always for this sender. Offers nothing for content that must never load (decrypted
 * without integrity protection), and says why.
 */
import { Icon } from './Icon';

export type RemoteState =
  | { status: 'blocked' }
  | { status: 'loading' }
  | { status: 'loaded'; failed: number }
  | { status: 'failed'; message: string };

export interface RemoteContentBarProps {
  state: RemoteState;
  /** False when remote content may never load for this message. */
  permitted: boolean;
  sender: string | null;
  onLoad(): void;
  onAlwaysAllow(): void;
}

export function RemoteContentBar({ state, permitted, sender, onLoad, onAlwaysAllow }: RemoteContentBarProps) {
  if (state.status === 'loaded') {
    return state.failed > 0 ? (
      <div role="status" className="notice notice-info remote-bar">
        <Icon name="image" />
        <span>
          Remote images loaded; {state.failed === 1 ? '1 could not be' : `${state.failed} could not be`} fetched.
        </span>
      </div>
    ) : null;
  }
  return (
    <div role="note" className="notice notice-info remote-bar">
      <Icon name="shield" />
      <span>
        <strong>Remote content blocked</strong>{' '}
        <span className="notice-detail">
          {permitted
            ? 'Remote images were not loaded, so the sender cannot see that you read this.'
            : 'It cannot be loaded for this message: its decrypted content is not protected against tampering, and loading could leak it.'}
        </span>
        {state.status === 'failed' ? <span className="notice-detail remote-error"> {state.message}</span> : null}
      </span>
      {permitted ? (
        <span className="remote-actions">
          <button type="button" className="button button-small" onClick={onLoad} disabled={state.status === 'loading'} aria-busy={state.status === 'loading'}>
            {state.status === 'loading' ? 'Loading…' : 'Load for this message'}
          </button>
          {sender ? (
            <button type="button" className="button button-small button-quiet" onClick={onAlwaysAllow} disabled={state.status === 'loading'}>
              Always for this sender
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
