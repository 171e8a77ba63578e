// Signs a zone at test start with BIND's dnssec-keygen and dnssec-signzone (a KSK and a ZSK,
// ECDSAP256SHA256, NSEC), and breaks one signed record on purpose for the "bogus" case.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SignedZone {
  /** The signed master file named should load. */
  signedFile: string;
  /** The KSK's DNSKEY record in master-file format: the resolver's trust anchor. */
  kskDnskey: string;
}

async function keygen(dir: string, zone: string, ksk: boolean): Promise<string> {
  const args = ['-q', '-a', 'ECDSAP256SHA256', '-K', dir, ...(ksk ? ['-f', 'KSK'] : []), `${zone}.`];
  const { stdout } = await run('/usr/bin/dnssec-keygen', args);
  return join(dir, stdout.trim()); // e.g. <dir>/Ktest.+013+11523, without .key/.private
}

/** The DNSKEY line of a .key file (the file also holds ';' comments). */
async function dnskeyLine(keyBase: string): Promise<string> {
  const text = await readFile(`${keyBase}.key`, 'utf8');
  const line = text.split('\n').find((l) => /\sDNSKEY\s/.test(l) && !l.startsWith(';'));
  if (line === undefined) throw new Error(`${keyBase}.key holds no DNSKEY record`);
  return line.trim();
}

/** Writes `<dir>/<zone>.zone` from `lines` plus both DNSKEYs and signs it into `<zone>.zone.signed`. */
export async function signZone(dir: string, zone: string, lines: readonly string[]): Promise<SignedZone> {
  const [ksk, zsk] = await Promise.all([keygen(dir, zone, true), keygen(dir, zone, false)]);
  const unsigned = join(dir, `${zone}.zone`);
  const signedFile = `${unsigned}.signed`;
  const kskDnskey = await dnskeyLine(ksk);
  await writeFile(unsigned, [...lines, kskDnskey, await dnskeyLine(zsk), ''].join('\n'));
  // -O full: one record per line, so a record can be found and altered below. -d: the dsset file
  // goes into the temp dir, not the working directory (the repository).
  await run('/usr/bin/dnssec-signzone', ['-q', '-d', dir, '-O', 'full', '-o', `${zone}.`, '-k', `${ksk}.key`, '-f', signedFile, unsigned, `${zsk}.key`]);
  return { signedFile, kskDnskey };
}

/**
 * Replaces the rdata of the one `type` record at `owner` in a signed file, keeping its RRSIG, so a
 * validating resolver finds the signature wrong and calls the answer bogus (RFC 4035 §5.5).
 */
export async function breakSignedRecord(signedFile: string, owner: string, type: string, rdata: string): Promise<void> {
  const lines = (await readFile(signedFile, 'utf8')).split('\n');
  let changed = 0;
  const out = lines.map((line) => {
    const m = /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s/.exec(line);
    if (!m || m[1] !== owner || m[3] !== type) return line;
    changed++;
    return `${owner} ${m[2]} IN ${type} ${rdata}`;
  });
  if (changed !== 1) throw new Error(`expected one ${type} record at ${owner} in ${signedFile}, found ${changed}`);
  await writeFile(signedFile, out.join('\n'));
}
