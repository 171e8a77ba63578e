// Writes a self-contained named.conf (authoritative only, loopback only) and starts BIND in the
// foreground. Nothing under /etc/bind is read or changed, except named's compiled-in bind.keys
// path, pointed at an empty file here.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../server-process.js';

export interface BindZone { name: string; file: string }

export interface BindOptions {
  dir: string;
  address: string;   // a 127.x address
  port: number;
  zones: readonly BindZone[];
}

function namedConf(o: BindOptions): string {
  const zones = o.zones.map((z) => `zone "${z.name}." {\n  type primary;\n  file "${z.file}";\n};`).join('\n');
  return `// Generated for Sealmail tests; see e2e/servers/dns/bind.ts.
options {
  directory "${o.dir}";
  pid-file "${join(o.dir, 'named.pid')}";
  session-keyfile "${join(o.dir, 'session.key')}";
  bindkeys-file "${join(o.dir, 'bind.keys')}";
  listen-on port ${o.port} { ${o.address}; };
  listen-on-v6 { none; };
  // Authoritative only: it never asks anyone anything.
  recursion no;
  dnssec-validation no;
  notify no;
  // Every query it gets is logged (into named.log under -g): what the resolver asked, for debugging.
  querylog yes;
  allow-transfer { none; };
  // Should it ever send, the source is loopback, which the kernel will not route off the machine.
  query-source address ${o.address};
  notify-source ${o.address};
  transfer-source ${o.address};
};
controls { };
${zones}
`;
}

export async function startBind(o: BindOptions): Promise<ServerProcess> {
  const conf = join(o.dir, 'named.conf');
  await writeFile(join(o.dir, 'bind.keys'), '');
  await writeFile(conf, namedConf(o));
  // -g: foreground, log to stderr (into named.log).
  return startServerProcess('named', '/usr/sbin/named', ['-g', '-c', conf], join(o.dir, 'named.log'));
}
