// Runs one OpenLDAP slapd in the foreground from a slapd.conf of its own, with an mdb database in
// its temp dir loaded by slapadd first. With `tls` it serves LDAPS and offers StartTLS on its plain
// port; without, it has no TLS at all (the hostile case: a directory that cannot protect a bind).
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { BASE_DN } from './directory-entries.js';

const run = promisify(execFile);

export interface SlapdOptions {
  dir: string;
  host: string;
  /** Plain LDAP port (StartTLS offered there when `tls` is set). */
  ldapPort: number;
  /** LDAPS port; requires `tls`. */
  ldapsPort?: number;
  tls?: { certPath: string; keyPath: string; caPath: string };
  ldif: string;
}

function slapdConf(o: SlapdOptions, dbDir: string): string {
  const tls = o.tls
    ? [`TLSCertificateFile ${o.tls.certPath}`, `TLSCertificateKeyFile ${o.tls.keyPath}`, `TLSCACertificateFile ${o.tls.caPath}`, 'TLSProtocolMin 3.3']
    : [];
  return [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    `pidfile ${join(o.dir, 'slapd.pid')}`,
    `argsfile ${join(o.dir, 'slapd.args')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    ...tls,
    // Only a bound reader may read; anyone may try to bind.
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by users read by anonymous auth',
    'database mdb',
    `suffix "${BASE_DN}"`,
    `rootdn "cn=admin,${BASE_DN}"`,
    `directory ${dbDir}`,
    'maxsize 16777216',
    '',
  ].join('\n');
}

/** Writes the config, loads the LDIF with slapadd, starts slapd logging every operation (stats). */
export async function startSlapd(name: string, o: SlapdOptions): Promise<ServerProcess & { log: string }> {
  const dbDir = join(o.dir, 'db');
  await mkdir(dbDir, { recursive: true, mode: 0o700 });
  const conf = join(o.dir, 'slapd.conf');
  const ldif = join(o.dir, 'entries.ldif');
  await writeFile(conf, slapdConf(o, dbDir));
  await writeFile(ldif, o.ldif);
  try {
    await run('/usr/sbin/slapadd', ['-f', conf, '-l', ldif]);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`slapadd refused the test directory: ${e.stderr ?? e.message}`);
  }
  const urls = [`ldap://${o.host}:${o.ldapPort}/`];
  if (o.ldapsPort !== undefined) urls.unshift(`ldaps://${o.host}:${o.ldapsPort}/`);
  const log = join(o.dir, 'slapd.log');
  // -d stats: stay in the foreground and log each connection's operations (BIND, EXT, SRCH) to stderr.
  const server = startServerProcess(name, '/usr/sbin/slapd', ['-d', 'stats', '-h', urls.join(' '), '-f', conf], log);
  return Object.assign(server, { log });
}
