// Writes a private Postfix instance (config, queue and data dirs in the temp dir) that accepts
// authenticated submission on two loopback ports and hands mail for example.test to Dovecot over
// LMTP; mail for the loopback DNS world's domains is accepted and discarded. It has no SMTP client
// at all, so nothing can be relayed off the machine.
import { chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DNS_WORLD_DOMAINS } from './dns/test-zone.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { systemAccount, systemGroupId } from './system-users.js';

export interface PostfixOptions {
  dir: string;             // this server's own folder, e.g. <tmp>/postfix
  smtpPort: number;        // implicit TLS (465-style)
  submissionPort: number;  // STARTTLS required (587-style)
  certPath: string;
  keyPath: string;
  saslSocket: string;      // Dovecot auth socket
  lmtpSocket: string;      // Dovecot LMTP socket
  domain: string;
  recipients: readonly string[];
}

const MASTER = '/usr/lib/postfix/sbin/master';

function mainCf(o: PostfixOptions, conf: string, queue: string, data: string, log: string): string {
  return `# Generated for Sealmail e2e tests; see e2e/servers/postfix.ts.
compatibility_level = 3.6
config_directory = ${conf}
queue_directory = ${queue}
data_directory = ${data}
# Without a log file Postfix logs to syslog (absent here) and even fatal errors vanish silently.
maillog_file = ${log}
maillog_file_prefixes = ${o.dir}

myhostname = mail.${o.domain}
mydomain = ${o.domain}
myorigin = $mydomain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32

# Nothing may leave the machine: no local delivery, no relaying, no DNS, every other domain errors.
mydestination =
local_recipient_maps =
local_transport = error:local delivery is disabled in Sealmail tests
alias_maps =
alias_database =
relayhost =
# The DNS world's recipient domains are accepted from logged-in senders, so tests can send to a
# recipient found there, and dropped on the spot (discard: no SMTP client, no bounce).
relay_domains = ${Object.values(DNS_WORLD_DOMAINS).join(' ')}
default_transport = error:outbound mail is disabled in Sealmail tests
relay_transport = discard:mail to the DNS world's domains is dropped in Sealmail tests
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
# Reverse DNS of the client could otherwise send a query to the resolver.
smtpd_peername_lookup = no
biff = no
# Postmaster notices would go to postmaster@example.test, which has no mailbox.
notify_classes =

virtual_mailbox_domains = ${o.domain}
virtual_mailbox_maps = texthash:${join(conf, 'vmailbox')}
virtual_transport = lmtp:unix:${o.lmtpSocket}
recipient_delimiter = +

smtpd_tls_chain_files = ${o.keyPath}, ${o.certPath}
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_auth_only = yes
smtpd_tls_received_header = yes

smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
# Absolute because smtpd is not chrooted; a relative path would be taken relative to the queue dir.
smtpd_sasl_path = ${o.saslSocket}
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
# Only authenticated users may send, and only to our own domain (rejected at RCPT otherwise).
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = reject_non_fqdn_recipient, reject_unauth_destination

# If Dovecot hiccups, retry within seconds rather than Postfix's production minutes.
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 30s
`;
}

function masterCf(o: PostfixOptions): string {
  // Only the services this setup needs; deliberately no smtp/relay transport. chroot is "n"
  // everywhere because the daemons use absolute paths into the temp dir.
  return `# service type private unpriv chroot wakeup maxproc command
127.0.0.1:${o.smtpPort} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
127.0.0.1:${o.submissionPort} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
cleanup    unix n - n - 0 cleanup
qmgr       unix n - n 300 1 qmgr
tlsmgr     unix - - n 1000? 1 tlsmgr
rewrite    unix - - n - - trivial-rewrite
bounce     unix - - n - 0 bounce
defer      unix - - n - 0 bounce
trace      unix - - n - 0 bounce
verify     unix - - n - 1 verify
flush      unix n - n 1000? 0 flush
proxymap   unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
showq      unix n - n - - showq
error      unix - - n - - error
retry      unix - - n - - error
discard    unix - - n - - discard
lmtp       unix - - n - - lmtp
anvil      unix - - n - 1 anvil
scache     unix - - n - 1 scache
postlog    unix-dgram n - n - 1 postlogd
`;
}

/** The queue layout `postfix check` would create; done by hand because that command takes ~2.5 s. */
async function createQueue(queue: string, data: string): Promise<void> {
  const postfix = systemAccount('postfix');
  const postdrop = systemGroupId('postdrop') ?? 0;
  const dirs: Array<[name: string, uid: number, gid: number, mode: number]> = [
    ['pid', 0, 0, 0o755],
    ['public', postfix.uid, postdrop, 0o710],
    ['maildrop', postfix.uid, postdrop, 0o730],
    ...['active', 'bounce', 'corrupt', 'defer', 'deferred', 'flush', 'hold', 'incoming', 'private', 'saved', 'trace']
      .map((n): [string, number, number, number] => [n, postfix.uid, 0, 0o700]),
  ];
  await mkdir(queue, { mode: 0o755 });
  for (const [name, uid, gid, mode] of dirs) {
    const path = join(queue, name);
    await mkdir(path, { mode });
    await chown(path, uid, gid);
  }
  await mkdir(data, { mode: 0o700 });
  await chown(data, postfix.uid, postfix.gid);
}

export async function startPostfix(o: PostfixOptions): Promise<ServerProcess> {
  const conf = join(o.dir, 'conf');
  const queue = join(o.dir, 'queue');
  const data = join(o.dir, 'data');
  const log = join(o.dir, 'postfix.log');
  await mkdir(conf, { recursive: true });
  await createQueue(queue, data);
  const files: Array<[string, string]> = [
    ['main.cf', mainCf(o, conf, queue, data, log)],
    ['master.cf', masterCf(o)],
    ['vmailbox', o.recipients.map((r) => `${r} OK`).join('\n') + '\n'],
  ];
  // Postfix re-reads a config/table file in 300 ms naps until its mtime is over a second old
  // (it assumes a fresh file is still being edited), which added ~2 s to every start.
  const past = new Date(Date.now() - 60_000);
  for (const [name, text] of files) {
    await writeFile(join(conf, name), text);
    await utimes(join(conf, name), past, past);
  }
  // master -d stays in the foreground; `postfix start-fg` would first run the slow checks.
  return startServerProcess('postfix', MASTER, ['-c', conf, '-d'], join(o.dir, 'master.stderr.log'), [log]);
}
