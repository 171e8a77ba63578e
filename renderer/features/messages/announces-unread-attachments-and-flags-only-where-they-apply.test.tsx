import { fireEvent, render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { MessageSummary } from '../../../shared/domain';
import { MessageList, ROW_HEIGHT } from '../../components/MessageList';
import { giveListPanesAWindowHeight } from '../../test/list-pane-height';

giveListPanesAWindowHeight();

// Every 4th unread, every 5th with attachments, every 7th flagged: rows reused while scrolling
// meet every combination.
const messages = (count: number): MessageSummary[] =>
  Array.from({ length: count }, (_, i) => ({
    uid: count - i,
    subject: `Message ${count - i}`,
    from: { name: `Sender ${count - i}`, address: 'bob@example.test' },
    to: [],
    date: '2025-01-01T00:00:00.000Z',
    seen: i % 4 !== 0,
    flagged: i % 7 === 0,
    hasAttachments: i % 5 === 0,
    size: 100,
  }));

/** What a screen reader reads of a row: its text outside hidden and aria-hidden elements. */
function spokenText(row: Element): string {
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('[hidden], [aria-hidden="true"]')) text += node.textContent;
  }
  return text;
}

function expectRowsTellTheTruth(list: readonly MessageSummary[]) {
  const options = screen.getAllByRole('option');
  expect(options.length).toBeGreaterThan(5);
  for (const option of options) {
    const message = list.find((m) => m.uid === Number(option.getAttribute('data-uid')))!;
    const spoken = spokenText(option);
    expect(spoken).toContain(`Sender ${message.uid}`);
    expect(spoken.includes('Unread')).toBe(!message.seen);
    expect(spoken.includes('Has attachments')).toBe(message.hasAttachments);
    expect(spoken.includes('Flagged')).toBe(message.flagged);
  }
}

test('a short list names unread, attachments and flags only on the rows they apply to', () => {
  const list = messages(30);
  render(<MessageList messages={list} selectedUid={null} onSelect={() => undefined} />);
  expectRowsTellTheTruth(list);
});

test('after scrolling a huge list reuses its rows, each still names only its own marks', () => {
  const list = messages(5000);
  render(<MessageList messages={list} selectedUid={null} onSelect={() => undefined} />);
  const scroller = document.querySelector('.message-list-scroll') as HTMLElement;
  const before = screen.getAllByRole('option').map((o) => o.getAttribute('data-uid'));
  scroller.scrollTop = ROW_HEIGHT * 1003;
  fireEvent.scroll(scroller);
  const after = screen.getAllByRole('option').map((o) => o.getAttribute('data-uid'));
  expect(after).not.toEqual(before);
  expect(after).toContain(String(5000 - 1003));
  expectRowsTellTheTruth(list);
});
