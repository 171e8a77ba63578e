/** Parses the command word and hands the rest to that command. Kept apart from cli.ts so tests can call it. */
import { composeCommand } from './compose-command';
import { lookupCommand } from './lookup-command';
import { inspectCommand } from './inspect-command';
import { keystoreCommand } from './keystore-command';
import { probeCommand } from './probe-command';
import { testAccountCommand } from './test-account-command';
import { trustCommand } from './trust-command';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Opens a sign-in page (tests stand in for the browser); the system's browser when absent. */
  openBrowser?: (url: string) => Promise<void>;
}

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

const commands: Record<string, CliCommand> = {
  'test-account': testAccountCommand,
  keystore: keystoreCommand,
  probe: probeCommand,
  trust: trustCommand,
  inspect: inspectCommand,
  compose: composeCommand,
  lookup: lookupCommand,
};

/** Says what was wrong with the command line and how it goes; returns the usage exit code. */
export function usageError(io: CliIo, usage: string, message: string): number {
  io.stderr.write(`sealmail: ${message}\nUsage: sealmail ${usage}\n`);
  return EXIT_USAGE;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(helpText());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`sealmail: unknown command '${name}'.\n${helpText()}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

function helpText(): string {
  const lines = Object.values(commands).map((command) => `  ${command.usage.padEnd(72)} ${command.summary}`);
  return `Usage: sealmail <command> [options]\n\nCommands:\n${lines.join('\n')}\n  help${' '.repeat(70)}this text\n`;
}
