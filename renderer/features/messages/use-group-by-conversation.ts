/** Whether the message list groups conversations: a view preference remembered on this machine between runs. */
import { useCallback, useEffect, useState } from 'react';

export const GROUP_BY_CONVERSATION_KEY = 'sealmail.groupByConversation';

function stored(): boolean {
  try {
    return window.localStorage.getItem(GROUP_BY_CONVERSATION_KEY) === 'true';
  } catch {
    return false;
  }
}

export function useGroupByConversation(): [boolean, (grouped: boolean) => void] {
  const [grouped, setGrouped] = useState<boolean>(stored);
  useEffect(() => {
    try {
      window.localStorage.setItem(GROUP_BY_CONVERSATION_KEY, String(grouped));
    } catch {
      /* storage may be unavailable; the choice then lasts for this run */
    }
  }, [grouped]);
  return [grouped, useCallback((value: boolean) => setGrouped(value), [])];
}
