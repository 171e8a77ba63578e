// Starts the loopback DNS world of the MTA-STS and DANE tests: BIND serving the DNSSEC-signed zone
// test. (and the unsigned child insecure.test.), unbound validating it with that zone's KSK as its
// only trust anchor, and the HTTPS server of the MTA-STS policies. Callable from any Node process;
// nothing it starts can send a packet outside 127.0.0.0/8. It also publishes S/MIME certificates
// as SMIMEA records (RFC 8162) for carol (secure), dave (bogus) and erin (insecure).
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureDnsPackages } from '../ensure-packages.js';
import { findFreePorts } from '../free-port.js';
import { ready, retryWhenPortTaken, serverGroup } from '../server-group.js';
import { liveGroupMembers } from '../server-process.js';
import { startBind } from './bind.js';
import { createPolicyCertificates } from './policy-certificates.js';
import { startPolicyHttpsServer, type PolicyHttpsServer } from './policy-https-server.js';
import { breakSignedRecord, signZone } from './sign-zone.js';
import {
  BOGUS_SMIMEA_OWNER, BOGUS_TLSA_OWNER, INSECURE_ZONE, POLICY_HOSTS, SIGNED_ZONE, SMIMEA_ADDRESSES,
  insecureZoneLines, signedZoneLines, type SmimeaPerson,
} from './test-zone.js';
import { startUnbound } from './unbound.js';
import { waitForDns } from './wait-for-dns.js';

export {
  DNS_WORLD_DOMAINS, MTA_STS_ID, POLICY_HOSTS, SMIMEA_ADDRESSES, mtaStsPolicy, smimeaOwner, type DnsWorldDomain, type SmimeaPerson,
} from './test-zone.js';
export { queryDns, type DnsReply, type DnsQueryOptions } from './dns-query.js';

const AUTHORITATIVE_ADDRESS = '127.0.0.1';
const RESOLVER_ADDRESS = '127.0.0.2';
const POLICY_ADDRESS = '127.0.0.3';

const run = promisify(execFile);

/** A correspondent whose certificate the zone publishes as SMIMEA 3 0 0, with the key to decrypt. */
export interface SmimeaIdentity { address: string; certPem: string; keyPem: string }

export interface DnsWorldInfo {
  /** The validating unbound: send queries here (RD, and AD or DO to see the AD bit). */
  resolver: { host: string; port: number };
  /** BIND, authoritative for test. and insecure.test.; never validates or recurses. */
  authoritative: { host: string; port: number };
  /** The MTA-STS policy HTTPS server: every mta-sts.<domain> A record points at its host (port 443 is not used). */
  policyHttps: { host: string; port: number };
  /** The CA that signed the trusted policy hosts' certificates (not untrusted.test's). */
  caCertPem: string;
  /** Where the zone files are (test.zone, test.zone.signed, insecure.test.zone, the keys). */
  zoneDir: string;
  /** The trust anchor unbound uses: test.'s KSK as a DNSKEY record in master-file format. */
  trustAnchor: string;
  /** The key every TLSA 3 1 1 record pins (its SPKI's SHA-256), for a server that should match. */
  dane: { privateKeyPem: string; spkiSha256: string };
  /**
   * Self-signed RSA 2048 e-mail certificates (DANE-EE needs no CA) and their keys: carol's SMIMEA
   * record is secure, dave's bogus, erin's (in insecure.test.) insecure.
   */
  smimea: Record<SmimeaPerson, SmimeaIdentity>;
  dir: string;
  logs: { named: string; unbound: string };
  pids: { named: number; unbound: number };  // each leads its process group
}

export interface DnsWorld extends DnsWorldInfo {
  /** Kills named and unbound, closes the HTTPS server, removes the temp dir; idempotent. */
  stop(): Promise<void>;
}

export interface DnsWorldOptions {
  /** PEM private key the TLSA records pin (e.g. a test server's); a fresh P-256 key by default. */
  daneKeyPem?: string;
}

// unbound says "Address already in use"; named only "unable to listen on any configured interfaces".
const PORT_TAKEN = /address already in use|unable to listen on any configured interfaces/i;

function daneKey(pem: string | undefined): DnsWorldInfo['dane'] {
  const privateKey = pem === undefined
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    : createPrivateKey(pem);
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spkiSha256: createHash('sha256').update(spki).digest('hex'),
  };
}

/** An S/MIME certificate for `address` as a mail user would have one: emailProtection, keyEncipherment. */
async function smimeaIdentity(dir: string, person: SmimeaPerson): Promise<SmimeaIdentity & { der: Buffer }> {
  const address = SMIMEA_ADDRESSES[person];
  const keyPath = join(dir, `${person}.key`);
  const certPath = join(dir, `${person}.pem`);
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '7', '-sha256',
    '-subj', `/O=Sealmail tests/CN=${person}/emailAddress=${address}`,
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
    '-addext', 'extendedKeyUsage=emailProtection',
    '-addext', `subjectAltName=email:${address}`,
  ]);
  await chmod(keyPath, 0o600);
  const certPem = await readFile(certPath, 'utf8');
  const der = Buffer.from(certPem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
  return { address, certPem, keyPem: await readFile(keyPath, 'utf8'), der };
}

async function smimeaIdentities(dir: string): Promise<Record<SmimeaPerson, SmimeaIdentity & { der: Buffer }>> {
  await mkdir(dir, { mode: 0o700 });
  const [carol, dave, erin] = await Promise.all((['carol', 'dave', 'erin'] as const).map((p) => smimeaIdentity(dir, p)));
  return { carol: carol!, dave: dave!, erin: erin! };
}

async function writeZones(
  zoneDir: string, spkiSha256: string, smimea: Record<SmimeaPerson, { der: Buffer }>,
): Promise<{ signedFile: string; insecureFile: string; trustAnchor: string }> {
  const smimeaCertHex = { carol: smimea.carol.der.toString('hex'), dave: smimea.dave.der.toString('hex'), erin: smimea.erin.der.toString('hex') };
  const inputs = { policyAddress: POLICY_ADDRESS, nsAddress: AUTHORITATIVE_ADDRESS, spkiSha256, smimeaCertHex };
  const insecureFile = join(zoneDir, `${INSECURE_ZONE}.zone`);
  await writeFile(insecureFile, insecureZoneLines(inputs).join('\n') + '\n');
  const signed = await signZone(zoneDir, SIGNED_ZONE, signedZoneLines(inputs));
  // Any other digest will do: what matters is that the RRSIG covers the one that was signed.
  const wrong = createHash('sha256').update(`not ${spkiSha256}`).digest('hex');
  await breakSignedRecord(signed.signedFile, BOGUS_TLSA_OWNER, 'TLSA', `3 1 1 ${wrong}`);
  // A well-formed record for dave, only not the one signed: carol's certificate in its place.
  await breakSignedRecord(signed.signedFile, BOGUS_SMIMEA_OWNER, 'SMIMEA', `3 0 0 ${smimeaCertHex.carol}`);
  return { signedFile: signed.signedFile, insecureFile, trustAnchor: signed.kskDnskey };
}

function withoutDer({ address, certPem, keyPem }: SmimeaIdentity): SmimeaIdentity {
  return { address, certPem, keyPem };
}

async function startOnce(options: DnsWorldOptions): Promise<DnsWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'sealmail-dns-'));
  await chmod(dir, 0o700);
  let https: PolicyHttpsServer | undefined;
  const { started, stop } = serverGroup(dir, async () => https?.close());

  try {
    const zoneDir = join(dir, 'zones');
    const dirs = { named: join(dir, 'named'), unbound: join(dir, 'unbound') };
    await Promise.all([zoneDir, dirs.named, dirs.unbound].map((d) => mkdir(d, { mode: 0o700 })));
    const dane = daneKey(options.daneKeyPem);
    const [[zones, smimea], certificates, [bindPort, unboundPort]] = await Promise.all([
      smimeaIdentities(join(dir, 'smimea')).then(async (ids) => [await writeZones(zoneDir, dane.spkiSha256, ids), ids] as const),
      createPolicyCertificates(join(dir, 'tls'), POLICY_HOSTS),
      findFreePorts(2) as Promise<[number, number]>,
    ]);
    https = await startPolicyHttpsServer(POLICY_ADDRESS, POLICY_HOSTS.map((h) => {
      const certificate = certificates.hosts.get(h.host);
      if (!certificate) throw new Error(`no certificate was made for ${h.host}`);
      return { host: h.host, certificate, policy: h.policy };
    }));

    const authoritative = { host: AUTHORITATIVE_ADDRESS, port: bindPort };
    const named = started(await startBind({
      dir: dirs.named,
      address: authoritative.host,
      port: authoritative.port,
      zones: [{ name: SIGNED_ZONE, file: zones.signedFile }, { name: INSECURE_ZONE, file: zones.insecureFile }],
    }));
    // Both zones loaded: the child's SOA comes back authoritative too.
    await ready(named, [SIGNED_ZONE, INSECURE_ZONE].map((zone) =>
      waitForDns(authoritative, zone, 'SOA', (r) => r.rcode === 'NOERROR' && r.aa, named.exited)), { log: PORT_TAKEN });

    const resolver = { host: RESOLVER_ADDRESS, port: unboundPort };
    const unbound = started(await startUnbound({
      dir: dirs.unbound,
      address: resolver.host,
      port: resolver.port,
      authoritative,
      stubZones: [SIGNED_ZONE, INSECURE_ZONE],
      trustAnchor: zones.trustAnchor,
    }));
    // Ready means validating: test.'s SOA comes back with AD, i.e. the trust anchor took.
    await ready(unbound, waitForDns(resolver, SIGNED_ZONE, 'SOA', (r) => r.rcode === 'NOERROR' && r.ad, unbound.exited), { log: PORT_TAKEN });

    return {
      resolver,
      authoritative,
      policyHttps: { host: https.host, port: https.port },
      caCertPem: certificates.caCertPem,
      zoneDir,
      trustAnchor: zones.trustAnchor,
      dane,
      smimea: {
        carol: withoutDer(smimea.carol),
        dave: withoutDer(smimea.dave),
        erin: withoutDer(smimea.erin),
      },
      dir,
      logs: { named: join(dirs.named, 'named.log'), unbound: join(dirs.unbound, 'unbound.log') },
      pids: { named: named.pid, unbound: unbound.pid },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts the DNS world on loopback: BIND on 127.0.0.1, unbound on 127.0.0.2 and the policy HTTPS
 * server on 127.0.0.3, each on a free port. Must run as root; installs the Debian packages if they
 * are missing. Fails with the server's log tail if named or unbound does not come up.
 */
export async function startDnsWorld(options: DnsWorldOptions = {}): Promise<DnsWorld> {
  await ensureDnsPackages();
  return retryWhenPortTaken(() => startOnce(options));
}

/** PIDs of still-running named/unbound processes of this world; [] once stopped. */
export function liveDnsProcesses(info: Pick<DnsWorldInfo, 'pids'>): number[] {
  return [...liveGroupMembers(info.pids.named), ...liveGroupMembers(info.pids.unbound)];
}

/** Everything but stop(), e.g. for vitest's provide() or a JSON file for another process. */
export function dnsWorldInfo(world: DnsWorld): DnsWorldInfo {
  const { stop: _stop, ...info } = world;
  return info;
}
