/**
 * The `sealmail` command line, built on the same core as the app. Each command lives in
 * electron/cli/ and returns an exit code: 0 success, 1 refused or failed, 2 usage error.
 */
import { runCli } from './cli/run-cli';

process.exitCode = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
