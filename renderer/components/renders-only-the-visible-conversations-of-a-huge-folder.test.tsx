import { fireEvent, render } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ConversationSummary } from '../../shared/conversation-types';
import { summary } from '../test/fixtures';
import { ConversationList, conversationRows } from './ConversationList';
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
