/** Types of the local-store mail calls: commands with Undo, and what the core reports about them. */

/** What a command call returns: the command's id, for Undo, and until when Undo is offered. */
export interface CommandReceipt {
  commandId: string;
  /** ISO 8601: after this the change is sent to the server and can no longer be undone. */
  undoUntil: string;
}

/** A command the server refused: its local effect was rolled back. */
export interface CommandFailed {
  accountId: string;
  folder: string;
  commandId: string;
  message: string;
}

/** Something about the local store the user should know once (it was rebuilt, for instance). */
export interface MailNotice {
  message: string;
}

export type MessageFlag = 'seen' | 'flagged';
