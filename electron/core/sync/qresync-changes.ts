/**
 * What changed in a folder since a known HIGHESTMODSEQ, told by the server in one SELECT (RFC 7162
 * §3.2.5, QRESYNC): `SELECT folder (QRESYNC (uidvalidity modseq))` answers with VANISHED (EARLIER)
 * for the UIDs expunged since then and a FETCH of flags for each message changed since then. Its
 * cost follows the number of changes, not the folder's size, deletions included: no UID list of the
 * whole folder is compared.
 *
 * imapflow reports both as client events ('expunge' with `vanished`, 'flags') while the SELECT runs,
 * so they are gathered between the listener being added and removed, under the mailbox lock.
 */
import type { ExpungeEvent, FlagsEvent, ImapFlow } from 'imapflow';
import type { FlagState } from '../store/stored-message';
import type { MailboxAccess } from './sync-folder';

export interface QresyncChanges {
  vanished: number[];
  flags: FlagState[];
}

/**
 * The changes since `modseq`, or null when they cannot be had this way: the server did not enable
 * QRESYNC, or refused its preconditions (another UIDVALIDITY, NOMODSEQ); the caller then falls back
 * to CHANGEDSINCE and count reconciliation.
 */
export async function qresyncChanges(access: MailboxAccess, path: string, uidValidity: number, modseq: string): Promise<QresyncChanges | null> {
  return access.run(async (client) => {
    if (!client.enabled.has('QRESYNC')) return null;
    const options = { uidValidity: BigInt(uidValidity), changedSince: BigInt(modseq) };
    const expunged: ExpungeEvent[] = [];
    const changed: FlagsEvent[] = [];
    const onExpunge = (event: ExpungeEvent) => expunged.push(event);
    const onFlags = (event: FlagsEvent) => changed.push(event);
    client.on('expunge', onExpunge);
    client.on('flags', onFlags);
    try {
      const before = client.mailbox;
      // getMailboxLock selects with QRESYNC when the folder is not open (the usual case: reading its
      // status closed it); when another caller opened it meanwhile, it is selected again with QRESYNC.
      const lock = await client.getMailboxLock(path, options);
      try {
        if (!client.mailbox || client.mailbox === before || !qresyncApplied(client)) {
          expunged.length = 0;
          changed.length = 0;
          await client.mailboxOpen(path, options);
        }
        if (!qresyncApplied(client) || !client.mailbox) return null;
        const selected = client.mailbox.path;
        return {
          vanished: expunged.filter((e) => e.path === selected && e.vanished && e.uid !== undefined).map((e) => e.uid!),
          flags: changed.filter((e) => e.path === selected && e.uid !== undefined).map(toFlagState),
        };
      } finally {
        lock.release();
      }
    } finally {
      client.off('expunge', onExpunge);
      client.off('flags', onFlags);
    }
  });
}

/** imapflow marks a SELECT whose QRESYNC parameters the server accepted (same UIDVALIDITY, modseqs kept). */
function qresyncApplied(client: ImapFlow): boolean {
  return !!client.mailbox && (client.mailbox as { qresync?: boolean }).qresync === true;
}

function toFlagState(event: FlagsEvent): FlagState {
  return {
    uid: event.uid!,
    seen: event.flags.has('\\Seen'),
    flagged: event.flags.has('\\Flagged'),
    answered: event.flags.has('\\Answered'),
    modseq: event.modseq !== undefined ? event.modseq.toString() : null,
  };
}
