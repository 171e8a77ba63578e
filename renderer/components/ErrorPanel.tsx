/** A whole-screen failure, in words, with a way forward. */
import type { ReactNode } from 'react';
import { Icon } from './Icon';

export function ErrorPanel({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  return (
    <div className="error-panel" role="alert">
      <Icon name="alert" className="error-panel-icon" />
      <h1>{title}</h1>
      <p>{message}</p>
      {children ? <div className="form-actions">{children}</div> : null}
    </div>
  );
}
