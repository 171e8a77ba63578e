/** Validators for the local-store mail calls: search and the commands (flag, move, delete, archive, undo). */
import { z } from 'zod';
import { folderInput } from './inputs';

const uids = z.array(z.number().int().min(1)).min(1, 'Choose at least one message.').max(10_000);

export const searchMessagesInput = folderInput.extend({
  query: z.string().max(1000),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const setFlagsInput = folderInput.extend({
  uids,
  flag: z.enum(['seen', 'flagged']),
  value: z.boolean(),
});

export const messagesInput = folderInput.extend({ uids });

export const moveMessagesInput = messagesInput.extend({ destination: z.string().min(1).max(1000) });

export const undoInput = z.object({ commandId: z.string().min(1).max(100) });
