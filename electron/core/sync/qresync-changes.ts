/**
 * What changed in a folder since a known HIGHESTMODSEQ, told by the server in one SELECT (RFC 7162
 * §3.2.5, QRESYNC): `SELECT folder (QRESYNC (uidvalidity modseq))` answers with VANISHED (EARLIER)
 * for the UIDs expunged since then and a FETCH of flags for each message changed since then. Its
 * cost follows the number of changes, not the folder's size, deletions included: no UID list of the
 * whole folder is compared.
 *
 * The same SELECT tells the folder's UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and count, so a later sync
 * needs no STATUS first: an unchanged folder costs this one command.
 *
 * imapflow reports both as client events ('expunge' with `vanished`, 'flags') while the SELECT runs,
 * so they are gathered between the listener being added and removed, under the mailbox lock.
 */
import type { ExpungeEvent, FlagsEvent, ImapFlow } from 'imapflow';
import type { FlagState } from '../store/stored-message';
import { selectedState, type ServerState } from './server-state';
import type { MailboxAccess } from './sync-folder';

export interface QresyncChanges {
  vanished: number[];
  flags: FlagState[];
}

/** What a SELECT … (QRESYNC …) said: the folder's state, and the changes when the server accepted the QRESYNC parameters. */
export interface QresyncSelect {
  server: ServerState;
  /** Null when the server ignored QRESYNC's parameters (another UIDVALIDITY, NOMODSEQ): sync afresh or by counts. */
  changes: QresyncChanges | null;
}

/**
 * Selects `path` with QRESYNC, or returns null when the server did not enable QRESYNC; the caller
 * then reads STATUS and falls back to CHANGEDSINCE and count reconciliation.
 */
export async function qresyncSelect(access: MailboxAccess, path: string, uidValidity: number, modseq: string): Promise<QresyncSelect | null> {
  // The VANISHED and FETCH answers are this sync's to apply; as change events they would start another sync.
  const select = () => access.run(async (client) => {
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
      // getMailboxLock selects with QRESYNC when the folder is not open; when it is (left open by
      // the last sync, for IDLE), it is selected again with QRESYNC, which also refreshes its state.
      const lock = await client.getMailboxLock(path, options);
      try {
        if (!client.mailbox || client.mailbox === before || !qresyncApplied(client)) {
          expunged.length = 0;
          changed.length = 0;
          await client.mailboxOpen(path, options);
        }
        const server = selectedState(client);
        // The server's spelling of the folder (INBOX in any case), as the events carry it.
        const selected = client.mailbox ? client.mailbox.path : path;
        if (!qresyncApplied(client)) return { server, changes: null };
        return {
          server,
          changes: {
            vanished: expunged.filter((e) => e.path === selected && e.vanished && e.uid !== undefined).map((e) => e.uid!),
            flags: changed.filter((e) => e.path === selected && e.uid !== undefined).map(toFlagState),
          },
        };
      } finally {
        lock.release();
      }
    } finally {
      client.off('expunge', onExpunge);
      client.off('flags', onFlags);
    }
  });
  return access.quietly ? access.quietly(path, select) : select();
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
