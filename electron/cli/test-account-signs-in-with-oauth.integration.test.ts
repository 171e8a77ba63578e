/**
 * `sealmail test-account --oauth` runs the app's own sign-in against the test servers: the browser
 * (here a stand-in that enters alice's password on the consent page) is sent to the provider named
 * in --oauth-config, and both servers must accept the token. Nothing is kept.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { approveInTestBrowser } from '../../e2e/servers/oauth/approve-in-test-browser';
import { testOAuthConfig } from '../../e2e/servers/oauth/test-oauth-config';
import { runCli, type CliIo } from './run-cli';

const servers = inject('mailServers');
const { alice } = servers.users;
let dir: string;
let configFile: string;
let caFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealmail-cli-oauth-'));
  configFile = join(dir, 'oauth.json');
  caFile = join(dir, 'ca.pem');
  await writeFile(configFile, JSON.stringify(testOAuthConfig(servers)));
  await writeFile(caFile, servers.caCertPem);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function io(browser: (url: string) => Promise<void>) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    env: {},
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    openBrowser: async (url) => void browser(url).catch(() => undefined),
  };
  return { cli, out, err };
}

it('signs in through the browser and reports that IMAP and SMTP took the token', async () => {
  const { cli, out } = io((url) => approveInTestBrowser(url, servers.caCertPem, alice));
  const code = await runCli(['test-account', '--address', alice.address, '--oauth', '--oauth-config', configFile, '--ca', caFile], cli);
  expect(out.join('')).toBe(`Signed in with Example Test Mail: IMAP and SMTP accepted ${alice.address} over TLS with OAuth 2.0.\n`);
  expect(code).toBe(0);
});

it('says in one sentence that there is no provider for an address, and that --oauth-config needs --oauth', async () => {
  const { cli, err } = io(async () => undefined);
  expect(await runCli(['test-account', '--address', 'someone@unknown.test', '--oauth', '--oauth-config', configFile], cli)).toBe(2);
  expect(err.join('')).toContain('Sealmail knows no OAuth 2.0 provider for someone@unknown.test');
  expect(await runCli(['test-account', '--address', alice.address, '--oauth-config', configFile], cli)).toBe(2);
  expect(err.join('')).toContain('--oauth-config only goes with --oauth.');
});
