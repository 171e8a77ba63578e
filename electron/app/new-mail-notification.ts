/**
 * The native notification for a newly arrived message: sender and subject, and a click that
 * brings the window forward with that message open. Sender and subject are written by whoever
 * sent the mail, so they are cleaned before the OS shows them: no control or bidi-override
 * characters (which could reorder text to fake a sender), bounded length, the address always
 * beside the display name, and no angle brackets on Linux, where notification servers may read
 * markup.
 */
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { NewMail } from './mail-watcher';

export interface NotificationText {
  title: string;
  body: string;
}

const MAX_TITLE = 120;
const MAX_BODY = 200;

/** The title (who) and body (subject) of the notification for `mail`. */
export function newMailText(mail: Pick<NewMail, 'from' | 'subject'>, platform: NodeJS.Platform): NotificationText {
  const clean = (text: string, max: number) => {
    let result = text.replace(/[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+/gu, ' ').replace(/\s+/g, ' ').trim();
    if (platform === 'linux') result = result.replace(/</g, '\u2039').replace(/>/g, '\u203A').replace(/&/g, '+');
    return result.length > max ? `${result.slice(0, max - 1)}\u2026` : result;
  };
  const name = clean(mail.from?.name ?? '', MAX_TITLE);
  const address = clean(mail.from?.address ?? '', MAX_TITLE);
  const who = name && address && name !== address ? `${name} (${address})` : address || name || 'Unknown sender';
  return { title: clean(who, MAX_TITLE), body: clean(mail.subject, MAX_BODY) || '(no subject)' };
}

export interface NotifierOptions {
  Notification: (new (options: NotificationConstructorOptions) => Notification) & { isSupported(): boolean };
  platform: NodeJS.Platform;
  /** Called when the user clicks the notification of `mail`. */
  onClick: (mail: NewMail) => void;
}

/** Builds the function that shows a notification per new message, where the OS supports them. */
export function createNewMailNotifier({ Notification: NotificationClass, platform, onClick }: NotifierOptions): (mail: NewMail) => void {
  // Electron drops the click handler of a notification that was garbage-collected: hold on to them.
  const shown = new Set<Notification>();
  return (mail) => {
    if (!NotificationClass.isSupported()) return;
    const notification = new NotificationClass({ ...newMailText(mail, platform), silent: false });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      onClick(mail);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
}
