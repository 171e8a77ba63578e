import { render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { ErrorBoundary } from '../app/ErrorBoundary';
import './fixtures';

afterEach(() => vi.restoreAllMocks());

function Exploding({ when }: { when: boolean }): null {
  if (when) throw new Error('Cannot read properties of null');
  return null;
}

test('a crash inside the app is shown in words with a way to try again, not as a blank window', () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const { rerender } = render(
    <ErrorBoundary label="The message view" resetKey={1}>
      <Exploding when />
    </ErrorBoundary>,
  );
  const alert = screen.getByRole('alert');
  expect(alert.textContent).toContain('The message view stopped working.');
  expect(alert.textContent).toContain('Cannot read properties of null');

  // Choosing something else (a new reset key) clears the failure.
  rerender(
    <ErrorBoundary label="The message view" resetKey={2}>
      <Exploding when={false} />
    </ErrorBoundary>,
  );
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
});
