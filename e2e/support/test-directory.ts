/**
 * The loopback LDAP directory as the browser specs see it: the global set-up starts it and writes this to a file named by SEALMAIL_TEST_LDAP; every dev:web trusts
 * its TLS CA from `caCertPath`, and a spec reads the addresses, bind and people's keys from here.
 */
import { readFileSync } from 'node:fs';
import type { LdapDirectoryInfo } from '../servers/ldap/ldap-directory';

export interface TestDirectoryInfo extends LdapDirectoryInfo {
  /** The directory's TLS CA (caCertPem) as a file, for dev:web's --ca. */
  caCertPath: string;
}

export function readTestDirectory(): TestDirectoryInfo {
  const file = process.env.SEALMAIL_TEST_LDAP;
  if (!file) throw new Error('SEALMAIL_TEST_LDAP is not set: the Playwright global set-up starts the test directory and sets it.');
  return JSON.parse(readFileSync(file, 'utf8')) as TestDirectoryInfo;
}
