/**
 * Vitest global setup for integration tests: starts Dovecot and Postfix once for the run, unless
 * SEALMAIL_TEST_SERVERS names the info file of servers already running, and hands their
 * addresses and test credentials to the tests through `inject('mailServers')`.
 */
import type { TestProject } from 'vitest/node';
import { readServersInfo, startMailServers, type MailServersInfo } from './mail-servers';

declare module 'vitest' {
  export interface ProvidedContext {
    mailServers: MailServersInfo;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const infoFile = process.env.SEALMAIL_TEST_SERVERS;
  if (infoFile) {
    project.provide('mailServers', readServersInfo(infoFile));
    return undefined;
  }
  const { stop, ...info } = await startMailServers();
  project.provide('mailServers', info);
  return stop;
}
