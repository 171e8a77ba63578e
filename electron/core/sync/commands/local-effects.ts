/**
 * What a command does to the store before the server hears of it, how that is taken back (Undo,
 * refusal), and how it is made final once the server confirmed it.
 */
import type { MailStore } from '../../store/mail-store';
import type { Command } from './command';

export function applyLocally(store: MailStore, command: Command): void {
  if (command.kind === 'flag') store.setFlag(command.accountId, command.folder, command.uids, command.flag, command.value);
  else store.setHidden(command.accountId, command.folder, command.uids, true);
}

export function revertLocally(store: MailStore, command: Command): void {
  if (command.kind === 'flag') {
    for (const uid of command.uids) {
      store.setFlag(command.accountId, command.folder, [uid], command.flag, command.previous[String(uid)] ?? !command.value);
    }
  } else {
    store.setHidden(command.accountId, command.folder, command.uids, false);
  }
}

/** After the server confirmed: moved or deleted messages leave this folder for good. */
export function confirmLocally(store: MailStore, command: Command): void {
  if (command.kind !== 'flag') store.removeMessages(command.accountId, command.folder, command.uids);
}
