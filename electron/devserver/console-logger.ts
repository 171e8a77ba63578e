/** A Logger for command-line front doors: one line per entry on stderr, so stdout stays clean. */
import type { Logger } from '../core/ports';

const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
  console.error(`[${level}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);

export const consoleLogger: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
