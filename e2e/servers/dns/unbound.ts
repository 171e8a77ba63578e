// Writes a validating unbound config that can only ever talk to the test's BIND on loopback, and
// starts unbound in the foreground. Its one trust anchor is the test zone's KSK: no root key.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../server-process.js';

export interface UnboundOptions {
  dir: string;
  address: string;   // where it listens and sends from, e.g. 127.0.0.2
  port: number;
  /** The authoritative server for the stub zones. */
  authoritative: { host: string; port: number };
  /** Zones served by `authoritative`, e.g. ['test', 'insecure.test']. */
  stubZones: readonly string[];
  /** DNSKEY (or DS) record in master-file format. */
  trustAnchor: string;
}

function unboundConf(o: UnboundOptions, files: { rootHints: string; trustAnchor: string }): string {
  const stub = (zone: string): string =>
    `stub-zone:\n  name: "${zone}."\n  stub-addr: ${o.authoritative.host}@${o.authoritative.port}\n`;
  return `# Generated for Sealmail tests; see e2e/servers/dns/unbound.ts.
server:
  verbosity: 1
  val-log-level: 2
  interface: ${o.address}@${o.port}
  port: ${o.port}
  # Every query it sends leaves from loopback, which the kernel never routes off the machine.
  outgoing-interface: ${o.address}
  do-ip4: yes
  do-ip6: no
  do-udp: yes
  do-tcp: yes
  do-daemonize: no
  use-syslog: no
  logfile: ""
  chroot: ""
  username: ""
  directory: "${o.dir}"
  pidfile: "${join(o.dir, 'unbound.pid')}"
  access-control: 127.0.0.0/8 allow
  # The stub addresses are on 127.0.0.0/8, which unbound otherwise refuses to query.
  do-not-query-localhost: no
  # Root hints name a loopback address only, never the compiled-in real roots. They should never be
  # used: forward-zone "." below hands anything outside the stub zones to BIND, which refuses it.
  root-hints: "${files.rootHints}"
  trust-anchor-file: "${files.trustAnchor}"
  trust-anchor-signaling: no
  root-key-sentinel: no
  # Names outside test. are answered REFUSED at once, never looked up.
  local-zone: "." refuse
  local-zone: "test." transparent
remote-control:
  control-enable: no
${o.stubZones.map(stub).join('')}forward-zone:
  name: "."
  forward-addr: ${o.authoritative.host}@${o.authoritative.port}
`;
}

export async function startUnbound(o: UnboundOptions): Promise<ServerProcess> {
  const files = { rootHints: join(o.dir, 'root.hints'), trustAnchor: join(o.dir, 'trust-anchor.key') };
  await writeFile(files.rootHints, '.  3600000 IN NS root.loopback.invalid.\nroot.loopback.invalid. 3600000 IN A 127.0.0.254\n');
  await writeFile(files.trustAnchor, `${o.trustAnchor}\n`);
  const conf = join(o.dir, 'unbound.conf');
  await writeFile(conf, unboundConf(o, files));
  return startServerProcess('unbound', '/usr/sbin/unbound', ['-d', '-c', conf], join(o.dir, 'unbound.log'));
}
