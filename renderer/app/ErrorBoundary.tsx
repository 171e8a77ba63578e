/**
 * Catches a render crash and shows what happened in words instead of a blank window. Used at the
 * top level and around each pane, so one odd message cannot take the whole window down.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Icon } from '../components/Icon';

interface Props {
  /** What stopped working, for the message: "Sealmail", "The message view". */
  label: string;
  /** A new value clears the error (say, another message was selected). */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.label} crashed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <Icon name="alert" className="crash-icon" />
        <p className="crash-title">{this.props.label} stopped working.</p>
        <p className="crash-detail">{error.message || 'An unexpected error occurred.'}</p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
