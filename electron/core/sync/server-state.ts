/** What a sync needs to know of a folder on the server, and how a SELECT's answer tells it. */
import type { ImapFlow } from 'imapflow';

export interface ServerState {
  uidValidity: number;
  highestModseq: string | null;
  uidNext: number;
  messages: number;
}

/** The state of the folder the client has just selected (SELECT, EXAMINE or a QRESYNC SELECT). */
export function selectedState(client: ImapFlow): ServerState {
  const mailbox = client.mailbox;
  if (!mailbox || mailbox.uidValidity === undefined || mailbox.uidNext === undefined) {
    throw new Error(`the server gave no UIDVALIDITY or UIDNEXT for ${mailbox ? mailbox.path : 'the folder'}`);
  }
  return {
    uidValidity: Number(mailbox.uidValidity),
    highestModseq: mailbox.highestModseq !== undefined ? mailbox.highestModseq.toString() : null,
    uidNext: mailbox.uidNext,
    messages: mailbox.exists,
  };
}
