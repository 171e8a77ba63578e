/**
 * Who may call the core over IPC: the main frame of a window Sealmail created, showing a page of
 * app://sealmail. Not a message frame, not a page a window was somehow navigated to.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** The parts of an IPC event the check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export type SenderCheck = (event: SenderEvent) => boolean;

/**
 * Builds the sender check.
 *
 * @param isOwnWebContents true for the web contents of windows the app itself created
 */
export function createTrustedSenderCheck(isOwnWebContents: (contents: WebContents) => boolean): SenderCheck {
  return (event) => {
    // senderFrame is null once the frame navigated away or was destroyed: nobody to trust.
    const frame = event.senderFrame;
    if (!frame) return false;
    if (frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    return isOwnWebContents(event.sender);
  };
}
