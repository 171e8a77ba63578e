/**
 * Set-up shared by the integration tests that drive a whole core against the test Dovecot and
 * Postfix: a core in a fresh profile that trusts the test CA, account settings for a test user, and
 * a keystore holding a test identity. Each test keeps only what it is about.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailServersInfo, TestUser } from '../../../e2e/servers/mail-servers';
import type { SealmailApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { createCore, type Core, type CoreOptions } from '../create-core';
import { MemorySecretStore } from '../ports';
import type { TestCa, TestIdentity, TestPki } from '../smime/testing/test-pki';
import { inProcessApi } from './in-process-api';

/** The value of a call that must succeed; a refusal fails the test with its code and sentence. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** What addAccount takes for `user` on the test servers; `imapPort` lets a test put a proxy between. */
export function accountSettings(servers: MailServersInfo, user: TestUser, options: { displayName?: string; password?: string; imapPort?: number } = {}) {
  return {
    address: user.address,
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    password: options.password ?? user.password,
    imap: { host: servers.host, port: options.imapPort ?? servers.imapPort },
    smtp: { host: servers.host, port: servers.smtpPort },
  };
}

export interface CoreOnTestServers {
  core: Core;
  api: SealmailApi;
  profileDir: string;
  /** Closes the core and removes its profile. */
  close(): Promise<void>;
}

/** A core in a fresh temporary profile, trusting the test CA for servers and signers. */
export async function coreOnTestServers(servers: MailServersInfo, name: string, options: Partial<Omit<CoreOptions, 'profileDir'>> = {}): Promise<CoreOnTestServers> {
  const profileDir = await mkdtemp(join(tmpdir(), `sealmail-${name}-`));
  const core = createCore({ profileDir, secrets: new MemorySecretStore(), extraTrustAnchors: [servers.caCertPem], ...options });
  return {
    core,
    api: inProcessApi(core),
    profileDir,
    close: async () => {
      await core.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Creates the keystore and imports `identity` from a .p12 with its CA, as a user would. */
export async function importTestIdentity(api: SealmailApi, pki: TestPki, identity: TestIdentity, ca: TestCa): Promise<void> {
  value(await api.createKeystore({ passphrase: 'a long passphrase for the test' }));
  value(await api.importIdentity({ fileName: 'me.p12', data: pki.pkcs12(identity, ca, 'p12 secret').toString('base64'), password: 'p12 secret' }));
}
