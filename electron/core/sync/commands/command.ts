/**
 * A change the user asked for (flag, move, delete, archive), kept until the server confirmed it.
 * Plain data, so the queue can be written to disk and survive a restart or a rebuilt store.
 */
import type { MessageFlag } from '../../../../shared/mail-types';

interface Base {
  id: string;
  accountId: string;
  folder: string;
  uids: number[];
  /** Epoch ms: not sent before, so Undo can still take it back. */
  notBefore: number;
  attempts: number;
}

export type Command =
  | (Base & { kind: 'flag'; flag: MessageFlag; value: boolean; previous: Record<string, boolean> })
  | (Base & { kind: 'move'; destination: string })
  | (Base & { kind: 'delete' });

export type CommandSpec =
  | { kind: 'flag'; flag: MessageFlag; value: boolean }
  | { kind: 'move'; destination: string }
  | { kind: 'delete' };
