/** The real MessageList with N generated rows, alone on a page: what ui.list.maxframe scrolls. Bundled by ui-bench.ts. */
import { createRoot } from 'react-dom/client';
import type { MessageSummary } from '../../shared/domain';
import { MessageList } from '../../renderer/components/MessageList';

declare global {
  interface Window {
    LIST_COUNT: number;
  }
}

const count = window.LIST_COUNT;
const start = Date.UTC(2025, 0, 1);
const messages: MessageSummary[] = Array.from({ length: count }, (_, i) => ({
  uid: count - i,
  subject: `Quarterly report and budget review number ${count - i}`,
  from: { name: ['Bob Example', 'Carol Finance', 'Dave Project'][i % 3]!, address: 'someone@example.test' },
  to: [{ name: 'Alice', address: 'alice@example.test' }],
  date: new Date(start - i * 60_000).toISOString(),
  seen: i % 3 !== 0,
  flagged: i % 17 === 0,
  hasAttachments: i % 10 === 0,
  size: 2048,
}));

createRoot(document.getElementById('root')!).render(
  <div style={{ height: '720px', width: '440px', display: 'flex', flexDirection: 'column' }}>
    <MessageList messages={messages} selectedUid={null} onSelect={() => undefined} now={new Date(start)} />
  </div>,
);
