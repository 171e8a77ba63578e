/**
 * Payloads of the events the desktop shell (not the core) sends to the renderer: a command chosen
 * in the application menu, a message to open (a clicked new-mail notification) and a composer
 * to open from a mailto: link (see mailto.ts).
 */

/** The menu entries the renderer acts on; Edit, View and Window entries are handled by Electron roles. */
export const MENU_COMMANDS = ['newMessage', 'reply', 'replyAll', 'forward'] as const;

export type MenuCommandName = (typeof MENU_COMMANDS)[number];

export interface MenuCommand {
  command: MenuCommandName;
}

/** Which message to show: the one a new-mail notification announced. */
export interface OpenMessageRequest {
  accountId: string;
  folder: string;
  uid: number;
}
