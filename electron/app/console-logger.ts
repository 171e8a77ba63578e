/** The main process's logger: the terminal (or the OS log of a packaged app) via the console. */
import type { Logger } from '../core/ports';

/** Writes each entry as one line: level, message, then the fields as JSON. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.info(format('info', message, fields)),
  warn: (message, fields) => console.warn(format('warn', message, fields)),
  error: (message, fields) => console.error(format('error', message, fields)),
};

function format(level: string, message: string, fields?: Record<string, unknown>): string {
  return fields ? `[sealmail ${level}] ${message} ${JSON.stringify(fields)}` : `[sealmail ${level}] ${message}`;
}
