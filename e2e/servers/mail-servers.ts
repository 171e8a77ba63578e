// Starts real Dovecot (IMAP) and Postfix (submission) servers on loopback for end-to-end tests,
// with a throwaway CA, two users, a seeded INBOX and an OAuth 2.0 authorization server whose access
// tokens both accept; the one entry point tests should use.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp } from 'node:fs/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dovecotPaths, startDovecot } from './dovecot.js';
import { ensureMailPackages } from './ensure-packages.js';
import { findFreePorts } from './free-port.js';
import { isMailServersOAuth, startMailAuthorizationServer, type MailServersOAuth } from './oauth/mail-authorization-server.js';
import { startPostfix } from './postfix.js';
import { createMaildir, seedMaildir } from './seed-mailboxes.js';
import { ready, retryWhenPortTaken, serverGroup } from './server-group.js';
import { liveGroupMembers } from './server-process.js';
import { systemAccount } from './system-users.js';
import { createTestCa } from './test-ca.js';
import { waitForTls } from './wait-for-tls.js';

export { SEEDED_MESSAGES, SEEDED_NOTES_TXT, SEEDED_SUBJECTS, TRACKER_PIXEL_URL } from './seed-mailboxes.js';
export type { SeededMessage } from './seed-mailboxes.js';
export type { MailServersOAuth } from './oauth/mail-authorization-server.js';

export interface TestUser { address: string; password: string }

export interface MailServers {
  host: '127.0.0.1';
  imapPort: number;          // IMAP over implicit TLS (993-style)
  imapStarttlsPort: number;  // IMAP 143-style; STARTTLS required before login
  smtpPort: number;          // submission over implicit TLS (465-style), SASL AUTH required
  submissionPort: number;    // submission 587-style, STARTTLS required before AUTH
  caCertPem: string;
  caCertPath: string;        // the test CA that signed the server certificate
  users: { alice: TestUser; bob: TestUser };
  oauth: MailServersOAuth;   // the authorization server (in this process) that signs alice and bob in
  dir: string;               // temp working dir, removed by stop()
  logs: { dovecot: string; postfix: string };
  pids: { dovecot: number; postfix: number };  // master processes, each leading its process group
  stop(): Promise<void>;     // kills both servers, closes the authorization server and removes dir; idempotent
}

/** What another process needs to use running servers (everything but stop). */
export type MailServersInfo = Omit<MailServers, 'stop'>;

const DOMAIN = 'example.test';

async function startOnce(seed: boolean): Promise<MailServers> {
  // Short path: Unix socket paths (Dovecot's sockets live in here) are limited to ~107 bytes.
  const base = tmpdir().length <= 40 ? tmpdir() : '/tmp';
  const dir = await mkdtemp(join(base, 'sealmail-mail-'));
  // The mail and postfix accounts must be able to traverse into it (but not list it).
  await chmod(dir, 0o711);
  let closeAuthorizationServer = async (): Promise<void> => undefined;
  const { started, stop } = serverGroup(dir, () => closeAuthorizationServer());

  try {
    const [imapPort, imapStarttlsPort, smtpPort, submissionPort] = await findFreePorts(4) as [number, number, number, number];
    const ca = await createTestCa(join(dir, 'tls'));
    const mail = systemAccount('mail');
    const password = (): string => randomBytes(15).toString('base64url');
    const users = {
      alice: { address: `alice@${DOMAIN}`, password: password() },
      bob: { address: `bob@${DOMAIN}`, password: password() },
    };
    const mailRoot = join(dir, 'mail');
    await mkdir(mailRoot, { mode: 0o755 });
    const homes = { alice: join(mailRoot, 'alice'), bob: join(mailRoot, 'bob') };
    const aliceMaildir = await createMaildir(homes.alice, mail.uid, mail.gid);
    await createMaildir(homes.bob, mail.uid, mail.gid);
    if (seed) await seedMaildir(aliceMaildir, mail.uid, mail.gid);

    // Before Dovecot, whose oauth2 passdb is configured with its introspection endpoint.
    const authorization = await startMailAuthorizationServer(ca, [users.alice, users.bob]);
    closeAuthorizationServer = () => authorization.server.close();

    const dovecotDir = join(dir, 'dovecot');
    const dovecot = started(await startDovecot({
      dir: dovecotDir,
      instanceName: `sealmail-${imapPort}`,
      imapPort,
      imapStarttlsPort,
      certPath: ca.serverCertPath,
      keyPath: ca.serverKeyPath,
      mailboxes: [
        { ...users.alice, home: homes.alice },
        { ...users.bob, home: homes.bob },
      ],
      mailUid: mail.uid,
      mailGid: mail.gid,
      postfixUser: 'postfix',
      oauth2: authorization.dovecot,
    }));
    await ready(dovecot, [
      waitForTls(imapPort, 'implicit', ca.caCertPem, dovecot.exited),
      waitForTls(imapStarttlsPort, 'imap-starttls', ca.caCertPem, dovecot.exited),
    ], { ports: [imapPort, imapStarttlsPort] });

    const sockets = dovecotPaths(dovecotDir);
    const postfix = started(await startPostfix({
      dir: join(dir, 'postfix'),
      smtpPort,
      submissionPort,
      certPath: ca.serverCertPath,
      keyPath: ca.serverKeyPath,
      saslSocket: sockets.authSocket,
      lmtpSocket: sockets.lmtpSocket,
      domain: DOMAIN,
      recipients: [users.alice.address, users.bob.address],
    }));
    // master dies without a word (its log is not open yet) when a bind fails: the ports tell.
    await ready(postfix, [
      waitForTls(smtpPort, 'implicit', ca.caCertPem, postfix.exited),
      waitForTls(submissionPort, 'smtp-starttls', ca.caCertPem, postfix.exited),
    ], { ports: [smtpPort, submissionPort] });

    return {
      host: '127.0.0.1',
      imapPort,
      imapStarttlsPort,
      smtpPort,
      submissionPort,
      caCertPem: ca.caCertPem,
      caCertPath: ca.caCertPath,
      users,
      oauth: authorization.info,
      dir,
      logs: { dovecot: sockets.log, postfix: join(dir, 'postfix', 'postfix.log') },
      pids: { dovecot: dovecot.pid, postfix: postfix.pid },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts Dovecot and Postfix on free loopback ports. `seed` (default true) fills alice's INBOX with
 * SEEDED_MESSAGES. Must run as root; installs the Debian packages if they are missing.
 */
export async function startMailServers(opts: { seed?: boolean } = {}): Promise<MailServers> {
  await ensureMailPackages();
  const seed = opts.seed !== false;
  return retryWhenPortTaken(() => startOnce(seed));
}

/** PIDs of still-running (non-zombie) Dovecot/Postfix processes of these servers; [] once stopped. */
export function liveServerProcesses(info: Pick<MailServersInfo, 'pids'>): number[] {
  return [...liveGroupMembers(info.pids.dovecot), ...liveGroupMembers(info.pids.postfix)];
}

export function writeServersInfo(servers: MailServersInfo, file: string): void {
  const info: MailServersInfo = {
    host: servers.host,
    imapPort: servers.imapPort,
    imapStarttlsPort: servers.imapStarttlsPort,
    smtpPort: servers.smtpPort,
    submissionPort: servers.submissionPort,
    caCertPem: servers.caCertPem,
    caCertPath: servers.caCertPath,
    users: servers.users,
    oauth: servers.oauth,
    dir: servers.dir,
    logs: servers.logs,
    pids: servers.pids,
  };
  // The file holds the test passwords: readable by the owner only.
  writeFileSync(file, JSON.stringify(info) + '\n', { mode: 0o600 });
}

function isUser(v: unknown): v is TestUser {
  return typeof v === 'object' && v !== null
    && typeof (v as TestUser).address === 'string' && typeof (v as TestUser).password === 'string';
}

export function readServersInfo(file: string): MailServersInfo {
  const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<MailServersInfo>;
  const ports = [v.imapPort, v.imapStarttlsPort, v.smtpPort, v.submissionPort];
  if (v.host !== '127.0.0.1' || !ports.every((p) => typeof p === 'number')
    || typeof v.caCertPem !== 'string' || typeof v.caCertPath !== 'string' || typeof v.dir !== 'string'
    || !isUser(v.users?.alice) || !isUser(v.users?.bob) || !isMailServersOAuth(v.oauth)
    || typeof v.logs?.dovecot !== 'string' || typeof v.logs?.postfix !== 'string'
    || typeof v.pids?.dovecot !== 'number' || typeof v.pids?.postfix !== 'number') {
    throw new Error(`${file} is not a mail servers info file`);
  }
  // A stale file (servers killed, dir removed) should fail here, not as a puzzling ECONNREFUSED later.
  if (!existsSync(v.dir)) throw new Error(`${file}: the mail servers it describes are gone (${v.dir} no longer exists)`);
  return v as MailServersInfo;
}
