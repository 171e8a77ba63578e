// Writes a self-contained Dovecot config (IMAP, LMTP, SASL auth for Postfix; passwords, and OAuth 2.0
// access tokens checked with the test authorization server) into the temp dir and starts Dovecot in
// the foreground. Nothing under /etc/dovecot is read or changed.
import { createHash, randomBytes } from 'node:crypto';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { systemGroupId } from './system-users.js';

export interface DovecotMailbox { address: string; password: string; home: string }

export interface DovecotOptions {
  dir: string;                 // this server's own folder, e.g. <tmp>/dovecot
  instanceName: string;        // shows up in `ps` as dovecot-<instanceName>/...
  imapPort: number;            // implicit TLS
  imapStarttlsPort: number;    // STARTTLS, plaintext login refused
  certPath: string;
  keyPath: string;
  mailboxes: readonly DovecotMailbox[];
  mailUid: number;             // Dovecot refuses uid 0 for mail, so the Debian `mail` account owns it
  mailGid: number;
  postfixUser: string;         // owner of the auth and LMTP sockets Postfix connects to
  oauth2: DovecotOAuth2;
}

/** Where Dovecot's oauth2 passdb checks access tokens (RFC 7662 introspection, HTTP Basic auth). */
export interface DovecotOAuth2 {
  introspectionEndpoint: string;  // https:, with a certificate from the CA in caCertPath
  caCertPath: string;
  clientId: string;               // the resource server's own client at the authorization server
  secret: string;
}

export interface DovecotPaths {
  config: string;
  log: string;
  authSocket: string;   // Postfix smtpd_sasl_path (absolute: Postfix runs un-chrooted here)
  lmtpSocket: string;   // Postfix virtual_transport target
}

export function dovecotPaths(dir: string): DovecotPaths {
  const run = join(dir, 'run');
  return {
    config: join(dir, 'dovecot.conf'),
    log: join(dir, 'dovecot.log'),
    authSocket: join(run, 'auth-postfix'),
    lmtpSocket: join(run, 'lmtp'),
  };
}

/** Salted SHA-512 in Dovecot's {SSHA512} format, so plaintext passwords are not left on disk. */
function ssha512(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha512').update(password).update(salt).digest();
  return `{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function dovecotConfig(o: DovecotOptions, paths: DovecotPaths, passwdFile: string, oauth2File: string): string {
  const special = (name: string, use: string): string =>
    `  mailbox ${name} {\n    special_use = ${use}\n    auto = subscribe\n  }`;
  return `# Generated for Sealmail e2e tests; see e2e/servers/dovecot.ts.
base_dir = ${join(o.dir, 'run')}
state_dir = ${join(o.dir, 'state')}
instance_name = ${o.instanceName}
log_path = ${paths.log}
hostname = mail.example.test
listen = 127.0.0.1
protocols = imap lmtp

ssl = required
ssl_min_protocol = TLSv1.2
ssl_cert = <${o.certPath}
ssl_key = <${o.keyPath}

first_valid_uid = ${o.mailUid}
last_valid_uid = ${o.mailUid}
first_valid_gid = ${o.mailGid}
mail_location = maildir:~/Maildir
recipient_delimiter = +
auth_mechanisms = plain login xoauth2 oauthbearer
# Tests check wrong passwords on purpose; the default 2 s penalty would only slow them down.
auth_failure_delay = 0

${process.env.SEALMAIL_DOVECOT_DEBUG ? 'auth_debug = yes\nmail_debug = yes\n' : ''}
# Dovecot counts a plaintext connection from 127.0.0.1 to 127.0.0.1 as "secured", so ssl = required
# alone would let a client log in on the STARTTLS port without STARTTLS. %{secured} is "TLS" only
# after a real handshake, and only that file exists for IMAP; Postfix's SASL requests say "secured"
# (it allows AUTH only after TLS anyway). Any other combination finds no file and fails.
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = ${join(o.dir, 'passdb-%s-%{secured}.passwd')}
}
# The same rule for access tokens: the oauth2 passdb has no %{secured} in it, so a deny passdb in
# front refuses them. Its IMAP file for "secured" (plaintext) lists every user; the IMAP "TLS" and
# the SMTP "secured" files are empty (deny nobody); any other combination finds no file and fails.
passdb {
  driver = passwd-file
  mechanisms = xoauth2 oauthbearer
  deny = yes
  args = ${join(o.dir, 'oauth-deny-%s-%{secured}.passwd')}
}
# Only the OAuth mechanisms reach it, so a password is never sent to the authorization server.
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${oauth2File}
}
userdb {
  driver = passwd-file
  args = ${passwdFile}
}

namespace inbox {
  inbox = yes
${special('Drafts', '\\Drafts')}
${special('Sent', '\\Sent')}
${special('Trash', '\\Trash')}
${special('Junk', '\\Junk')}
${special('Archive', '\\Archive')}
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.imapStarttlsPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${o.imapPort}
    ssl = yes
  }
}
service anvil {
  # Without this socket Dovecot silently disables its per-IP auth penalty (2-15 s delays after a
  # failed login, for every later login from 127.0.0.1), which would make tests slow and flaky.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service lmtp {
  unix_listener lmtp {
    user = ${o.postfixUser}
    mode = 0600
  }
}
service auth {
  unix_listener auth-postfix {
    user = ${o.postfixUser}
    mode = 0600
  }
}

protocol imap {
  # A client, a UI test and a checker may all be logged in as alice at once (default is 10).
  mail_max_userip_connections = 100
}
protocol lmtp {
  postmaster_address = postmaster@example.test
}
`;
}

/**
 * The oauth2 passdb's settings. Tokens are validated by introspection (RFC 7662) rather than as local
 * JWTs: the test authorization server issues opaque tokens, as Google and Microsoft do for IMAP, and
 * introspection is the only way a revoked or expired token is refused the moment the server says so.
 * Dovecot POSTs token=… with the resource server's Basic auth from the URL, checks the answer's
 * `active` and takes the user from `email`, which must equal the name the client logged in as.
 */
function oauth2Config(o: DovecotOAuth2): string {
  const url = new URL(o.introspectionEndpoint);
  url.username = encodeURIComponent(o.clientId);
  url.password = encodeURIComponent(o.secret);
  return `# Generated for Sealmail e2e tests; see e2e/servers/dovecot.ts.
introspection_mode = post
introspection_url = ${url.toString()}
force_introspection = yes
active_attribute = active
active_value = true
username_attribute = email
tls_ca_cert_file = ${o.caCertPath}
${process.env.SEALMAIL_DOVECOT_DEBUG ? 'debug = yes\n' : ''}`;
}

export async function startDovecot(o: DovecotOptions): Promise<ServerProcess> {
  const paths = dovecotPaths(o.dir);
  await mkdir(join(o.dir, 'state'), { recursive: true });
  const passwdFile = join(o.dir, 'users.passwd');
  const passdb = o.mailboxes.map((m) => `${m.address}:${ssha512(m.password)}`).join('\n') + '\n';
  // user:password:uid:gid:gecos:home:shell:extra (the userdb ignores the password field)
  const userdb = o.mailboxes.map((m) => `${m.address}::${o.mailUid}:${o.mailGid}::${m.home}::`).join('\n') + '\n';
  const everyone = o.mailboxes.map((m) => `${m.address}:`).join('\n') + '\n';
  const oauth2File = join(o.dir, 'oauth2.conf.ext');
  const files: Array<[string, string]> = [
    ['passdb-imap-TLS.passwd', passdb],
    ['passdb-smtp-secured.passwd', passdb],
    ['oauth-deny-imap-secured.passwd', everyone],
    ['oauth-deny-imap-TLS.passwd', ''],
    ['oauth-deny-smtp-secured.passwd', ''],
    ['users.passwd', userdb],
    // Holds the resource server's secret.
    ['oauth2.conf.ext', oauth2Config(o.oauth2)],
  ];
  for (const [name, text] of files) {
    // Read by the auth process, which runs as the unprivileged `dovecot` account.
    await writeFile(join(o.dir, name), text, { mode: 0o640 });
    await chown(join(o.dir, name), 0, systemGroupId('dovecot') ?? 0);
  }
  await writeFile(paths.config, dovecotConfig(o, paths, passwdFile, oauth2File));
  return startServerProcess('dovecot', '/usr/sbin/dovecot', ['-F', '-c', paths.config], join(o.dir, 'dovecot.stderr.log'), [paths.log]);
}
