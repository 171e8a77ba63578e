import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { MessageSummary } from '../../../shared/domain';
import { MessageList, VIRTUALISE_ABOVE } from '../../components/MessageList';
import { giveListPanesAWindowHeight } from '../../test/list-pane-height';

giveListPanesAWindowHeight();

const many = (count: number): MessageSummary[] =>
  Array.from({ length: count }, (_, i) => ({
    uid: count - i,
    subject: `Message ${count - i}`,
    from: { name: 'Bob', address: 'bob@example.test' },
    to: [],
    date: '2025-01-01T00:00:00.000Z',
    seen: i % 3 !== 0,
    flagged: false,
    hasAttachments: false,
    size: 100,
  }));

test('100,000 messages put only a window of rows in the DOM, each telling its place in the whole', () => {
  render(<MessageList messages={many(100_000)} selectedUid={null} onSelect={() => undefined} />);
  const options = screen.getByRole('listbox', { name: 'Messages' }).querySelectorAll('[role="option"]');
  expect(options.length).toBeGreaterThan(0);
  expect(options.length).toBeLessThan(100);
  expect(options[0]!.getAttribute('aria-setsize')).toBe('100000');
  expect(options[0]!.getAttribute('aria-posinset')).toBe('1');
});

test('a short folder renders every row, as before', () => {
  render(<MessageList messages={many(VIRTUALISE_ABOVE)} selectedUid={null} onSelect={() => undefined} />);
  expect(screen.getByRole('listbox', { name: 'Messages' }).querySelectorAll('[role="option"]')).toHaveLength(VIRTUALISE_ABOVE);
});

test('the first page of a huge folder is virtualised already, so the list does not switch as pages arrive', () => {
  const { rerender } = render(<MessageList messages={many(100)} folderSize={50_000} selectedUid={null} onSelect={() => undefined} />);
  const list = screen.getByRole('listbox', { name: 'Messages' });
  const shown = () => list.querySelectorAll('[role="option"]');
  expect(shown().length).toBeLessThan(50);
  expect(shown()[0]!.getAttribute('aria-setsize')).toBe('100');
  rerender(<MessageList messages={many(300)} folderSize={50_000} selectedUid={null} onSelect={() => undefined} />);
  expect(shown().length).toBeLessThan(50);
  expect(shown()[0]!.getAttribute('aria-setsize')).toBe('300');
});

test('while the list scrolls, rows change what they show without moving in the document; at rest they are in reading order again', async () => {
  const view = render(<MessageList messages={many(100_000)} selectedUid={null} onSelect={() => undefined} />);
  const list = screen.getByRole('listbox', { name: 'Messages' });
  const scroller = view.container.querySelector('.message-list-scroll') as HTMLElement;
  const places = () => [...list.querySelectorAll('[role="option"]')].map((option) => Number(option.getAttribute('aria-posinset')));
  const moved: Node[] = [];
  new MutationObserver((records) => records.forEach((record) => moved.push(...record.removedNodes))).observe(list, { childList: true });

  // Scrolled down by a few rows: the rows scrolled out at the top show the rows scrolled in below.
  scroller.scrollTop = 58 * 30;
  fireEvent.scroll(scroller);
  scroller.scrollTop = 58 * 36;
  fireEvent.scroll(scroller);
  expect(moved).toEqual([]);
  expect(places()).not.toEqual([...places()].sort((a, b) => a - b));
  expect(Math.min(...places())).toBeGreaterThan(30);

  // Once scrolling stops, document order is the order on screen.
  await waitFor(() => expect(places()).toEqual([...places()].sort((a, b) => a - b)));
  expect(Math.min(...places())).toBeGreaterThan(30);
});
