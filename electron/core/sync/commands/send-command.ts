/**
 * Carries one command out on the server: STORE for flags, MOVE (RFC 6851) for moves, archive and
 * delete-to-Trash, STORE \Deleted + UID EXPUNGE (RFC 4315) for deleting from Trash itself.
 */
import type { ImapFlow } from 'imapflow';
import { toUidSet } from '../uid-set';
import type { Command } from './command';

const FLAG_NAMES = { seen: '\\Seen', flagged: '\\Flagged' } as const;

export async function sendCommand(client: ImapFlow, command: Command): Promise<void> {
  const range = toUidSet(command.uids);
  if (command.kind === 'flag') {
    const flags = [FLAG_NAMES[command.flag]];
    const done = command.value ? await client.messageFlagsAdd(range, flags, { uid: true }) : await client.messageFlagsRemove(range, flags, { uid: true });
    if (!done) throw new Error('the server refused to change the flags');
    return;
  }
  if (command.kind === 'move') {
    if (!(await exists(client, command.destination))) await client.mailboxCreate(command.destination);
    const moved = await client.messageMove(range, command.destination, { uid: true });
    if (!moved) throw new Error(`the server refused to move the messages to ${command.destination}`);
    return;
  }
  if (!(await client.messageDelete(range, { uid: true }))) throw new Error('the server refused to delete the messages');
}

async function exists(client: ImapFlow, path: string): Promise<boolean> {
  return (await client.list()).some((mailbox) => mailbox.path === path);
}
