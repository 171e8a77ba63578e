/**
 * The few things the core needs from whoever hosts it (Electron, the CLI, the dev server, a test).
 * Passed in, never imported, so each front door can supply its own.
 */

/** Where account passwords live: the OS keychain in Electron, memory elsewhere. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * Keeps secrets for the life of the process only. Used where no OS keychain exists (CLI, dev
 * server, tests): nothing is ever written to disk in clear, at the price of asking again later.
 */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.secrets.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.secrets.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.secrets.delete(key);
  }
}
