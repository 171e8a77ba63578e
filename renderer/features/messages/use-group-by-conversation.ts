/** Whether the message list groups conversations: a view preference remembered on this machine between runs. */
import { useStoredFlag } from '../../lib/use-stored-flag';

export const GROUP_BY_CONVERSATION_KEY = 'sealmail.groupByConversation';

export function useGroupByConversation(): [boolean, (grouped: boolean) => void] {
  return useStoredFlag(GROUP_BY_CONVERSATION_KEY);
}
