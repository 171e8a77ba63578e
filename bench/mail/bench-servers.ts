/**
 * The test Dovecot for the benchmarks: the one named by SEALMAIL_TEST_SERVERS (`own` false: other
 * tests use it at the same time), or a fresh one started (and stopped) here.
 */
import { readServersInfo, startMailServers, type MailServersInfo } from '../../e2e/servers/mail-servers';

export async function benchServers(): Promise<{ servers: MailServersInfo; own: boolean; stop: () => Promise<void> }> {
  const infoFile = process.env.SEALMAIL_TEST_SERVERS;
  if (infoFile) return { servers: readServersInfo(infoFile), own: false, stop: async () => undefined };
  const { stop, ...servers } = await startMailServers({ seed: false });
  return { servers, own: true, stop };
}
