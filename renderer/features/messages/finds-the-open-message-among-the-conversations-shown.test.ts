// The list pane asks, on every render, which shown message is the open one (GroupedMessages.tsx).
import { expect, test } from 'vitest';
import type { ConversationSummary } from '../../../shared/conversation-types';
import type { MessageSummary } from '../../../shared/domain';
import { conversationKey } from '../../components/ConversationList';
import { summary } from '../../test/fixtures';
import { findShownMessage } from './GroupedMessages';

const conversation = (id: string, latest: MessageSummary, count: number): ConversationSummary => ({
  id, latest, count, unread: 0, flagged: false, hasAttachments: false, participants: [],
});

test('the open message is found as a newest message, or inside an open conversation still listed, and nowhere else', () => {
  const plans = [summary(1, { subject: 'Plans' }), summary(2, { subject: 'Re: Plans' })];
  const lunch = [summary(3, { subject: 'Lunch' }), summary(4, { subject: 'Re: Lunch' })];
  const conversations = [conversation('<plans@x>', plans[1]!, 2), conversation('<lunch@x>', lunch[1]!, 2)];
  // Plans is open; a conversation no longer in the list still has its messages held.
  const members = new Map([
    [conversationKey({ id: '<plans@x>' }), plans],
    [conversationKey({ id: '<gone@x>' }), [summary(9, { subject: 'Gone' })]],
  ]);
  expect(findShownMessage({ conversations, members }, 4)?.subject).toBe('Re: Lunch');
  expect(findShownMessage({ conversations, members }, 1)?.subject).toBe('Plans');
  expect(findShownMessage({ conversations, members }, 3)).toBeNull(); // Lunch is closed
  expect(findShownMessage({ conversations, members }, 9)).toBeNull();
  expect(findShownMessage({ conversations, members }, null)).toBeNull();
});
