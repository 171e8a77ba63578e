/**
 * Runs the application menu's commands (Electron's native menu: New Message, Reply, Reply All,
 * Forward), which arrive as `menuCommand` events. In a browser there is no such menu and no event.
 */
import { useEffect, useRef } from 'react';
import type { MenuCommandName } from '../../../shared/desktop-events';
import { useApi } from '../../api/api-context';

/** What each command does now; a command left out, or set to null, is ignored (e.g. Reply with no message open). */
export type MenuCommandActions = Partial<Record<MenuCommandName, (() => void) | null>>;

export function useMenuCommands(actions: MenuCommandActions): void {
  const api = useApi();
  // The latest actions, without re-subscribing on every render.
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => api.on('menuCommand', ({ command }) => current.current[command]?.()), [api]);
}
