import { fireEvent, render } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ConversationSummary } from '../../shared/conversation-types';
import { summary } from '../test/fixtures';
import { ConversationList, conversationKey, conversationRows } from './ConversationList';
import { giveListPanesAWindowHeight } from '../test/list-pane-height';

giveListPanesAWindowHeight();

const conversations: ConversationSummary[] = Array.from({ length: 5000 }, (_, i) => ({
  id: `<t${i}@example.test>`,
  latest: summary(10_000 - i, { subject: `Topic ${i}` }),
  count: (i % 3) + 1,
  unread: 0,
  flagged: false,
  hasAttachments: false,
  participants: [{ name: 'Bob Example', address: 'bob@example.test' }],
}));

test('a folder of 5,000 conversations puts only the rows in view in the DOM, and End reaches the last', () => {
  const rows = conversationRows(conversations, new Set(), new Map());
  let selected: string | null = null;
  const view = render(<ConversationList rows={rows} selectedKey={null} onSelect={(row) => (selected = row.key)} onToggle={() => undefined} />);
  const tree = view.getByRole('tree', { name: 'Messages' });
  const shown = tree.querySelectorAll('[role="treeitem"]');
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(40);
  expect(shown[0]!.getAttribute('aria-posinset')).toBe('1');
  expect(shown[0]!.getAttribute('aria-setsize')).toBe('5000');
  fireEvent.keyDown(tree, { key: 'End' });
  expect(selected).toBe('c:<t4999@example.test>');
});

test('scrolling reuses the same row elements, whether a row now shows a conversation or one of its messages', () => {
  // Every fourth conversation open, so rows in view change between conversations and messages.
  const expanded = new Set(conversations.filter((_, i) => i % 4 === 0).map(conversationKey));
  const members = new Map(
    conversations.map((c, i) => [conversationKey(c), Array.from({ length: c.count }, (_, m) => summary(20_000 + i * 3 + m, { subject: `Reply ${m} in ${i}` }))]),
  );
  const view = render(<ConversationList rows={conversationRows(conversations, expanded, members)} selectedKey={null} onSelect={() => undefined} onToggle={() => undefined} />);
  const scroller = view.container.querySelector('.message-list-scroll') as HTMLElement;
  const shown = () => [...view.container.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  // Away from the top first, so the rows above the view (the overscan) exist too.
  scroller.scrollTop = 58 * 20;
  fireEvent.scroll(scroller);
  const before = new Set(shown());

  for (const top of [58 * 23, 58 * 1003, 58 * 1006, 58 * 2500]) {
    scroller.scrollTop = top;
    fireEvent.scroll(scroller);
    const rows = shown();
    expect(rows.every((row) => before.has(row))).toBe(true);
    const levels = new Set(rows.map((row) => row.getAttribute('aria-level')));
    expect(levels).toEqual(new Set(['1', '2']));
    for (const row of rows) {
      const count = row.querySelector<HTMLElement>('.conversation-count')!;
      const twisty = row.querySelector<HTMLElement>('.conversation-twisty')!;
      const several = row.getAttribute('aria-level') === '1' && Number(row.getAttribute('data-count')) > 1;
      expect(count.hidden).toBe(!several);
      expect(twisty.hidden).toBe(!several);
      if (several) expect(count.textContent).toBe(row.getAttribute('data-count'));
      const spoken = row.querySelector<HTMLElement>('.sr-only')!;
      expect(spoken.hidden ? '' : spoken.textContent).toContain(several ? `${row.getAttribute('data-count')} messages` : '');
    }
  }
});
