/** Alerts and notices: every failure is shown in words, never as a blank space. */
import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** A failure the user should read now; announced by screen readers at once. */
export function ErrorAlert({ message, className }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className={className ? `notice notice-error ${className}` : 'notice notice-error'}>
      <Icon name="alert" />
      <span>{message}</span>
    </div>
  );
}

/**
 * Information about the message or the app's state. `status` is announced politely; `note` is
 * only read when reached, for standing facts like "remote content blocked".
 */
export function Notice({ children, tone = 'info', role = 'status' }: { children: ReactNode; tone?: 'info' | 'warning'; role?: 'status' | 'note' }) {
  return (
    <div role={role} className={`notice notice-${tone}`}>
      <Icon name={tone === 'warning' ? 'alert' : 'shield'} />
      <span>{children}</span>
    </div>
  );
}

/** Centred placeholder for panes with nothing to show yet. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <Icon name="mail" className="empty-state-icon" />
      <p className="empty-state-title">{title}</p>
      {children ? <p className="empty-state-text">{children}</p> : null}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <div className="loading" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
