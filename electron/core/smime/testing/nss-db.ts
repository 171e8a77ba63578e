/**
 * A throwaway NSS database for interop tests with `cmsutil` (libnss3-tools), the CMS engine
 * Thunderbird uses: trusts the test CA for e-mail, imports identities from PKCS#12 and peers'
 * certificates, and signs, encrypts and decodes with cmsutil. NSS checks the signer's chain against
 * the trust in this database, so the CA is trusted here rather than any check switched off.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createSmimeFixture, type SmimeFixture } from './smime-fixture';
import { openssl, type TestCa, type TestIdentity } from './test-pki';

const PASSWORD = 'sealmail-test';
const INSTALL = 'apt-get install libnss3-tools';

/** What `cmsutil -D` says of one SignerInfo: NSS's status name, GoodSignature when valid and trusted. */
export interface NssSigner {
  id: string;
  status: string;
}

export interface NssDecoded {
  /**
   * The innermost content, as cmsutil writes it (the detached content itself for -c); null when
   * cmsutil refuses to write it because a signature is not good.
   */
  content: Buffer | null;
  /** The CMS layers outermost first, as cmsutil names them (signedData, envelopedData, data). */
  layers: string[];
  signers: NssSigner[];
}

export class NssDb {
  readonly dir: string;

  constructor(ca: TestCa) {
    this.dir = mkdtempSync(join(tmpdir(), 'sealmail-nss-'));
    try {
      this.certutil(['-N', '--empty-password']);
      // C in the S/MIME column: a CA trusted to issue e-mail certificates (certutil(1) "trustargs").
      this.certutil(['-A', '-n', 'ca', '-t', 'CT,C,C', '-i', ca.certPath]);
    } catch (error) {
      this.cleanup();
      throw error;
    }
  }

  /** Imports a certificate with its key from PKCS#12, under the identity's e-mail as nickname. */
  importIdentity(identity: TestIdentity): string {
    const p12 = join(this.dir, `${nickname(identity)}.p12`);
    // -name sets the friendlyName that pk12util takes as the nickname (else "<CN> - <issuer O>").
    openssl(['pkcs12', '-export', '-in', identity.certPath, '-inkey', identity.keyPath, '-name', identity.email,
      '-passout', `pass:${PASSWORD}`, '-out', p12]);
    this.run('pk12util', ['-i', p12, '-W', PASSWORD]);
    return identity.email;
  }

  /**
   * Imports a peer's certificate without trust of its own (",,"): NSS trusts it through the CA,
   * which is what lets cmsutil encrypt to it.
   */
  importCertificate(identity: TestIdentity): string {
    this.certutil(['-A', '-n', identity.email, '-t', ',,', '-i', identity.certPath]);
    return identity.email;
  }

  /**
   * `cmsutil -S`: SignedData over `content` by the identity named `nick`, with signingTime,
   * smimeCapabilities and encryptionKeyPreference as Thunderbird sends them; detached unless opaque.
   */
  sign(content: Buffer, nick: string, options: { detached: boolean }): Buffer {
    return this.cmsutil(['-S', '-N', nick, '-G', '-P', '-Y', nick, ...(options.detached ? ['-T'] : [])], content);
  }

  /** `cmsutil -E`: EnvelopedData for the recipients (nicknames or e-mail addresses); NSS picks the cipher. */
  encrypt(content: Buffer, recipients: string[]): Buffer {
    return this.cmsutil(['-E', '-r', recipients.join(',')], content);
  }

  /**
   * `cmsutil -D`: decrypts and verifies `der` (with `detachedContent` for a detached signature).
   * The signers' statuses (GoodSignature, DigestMismatch, SigningCertNotTrusted, ...) come from
   * `-n -h`, which exits 0 whatever it thinks of a signature; writing the content exits non-zero
   * for a bad one. This throws only when cmsutil cannot decode or decrypt at all.
   */
  decode(der: Buffer, detachedContent?: Buffer): NssDecoded {
    const input = this.file('in.p7m', der);
    const detached = detachedContent ? ['-c', this.file('content', detachedContent)] : [];
    // -n -h 9: no content, only the layers as "SMIME:" header lines, one per level.
    const info = this.cmsutil(['-D', '-i', input, ...detached, '-n', '-h', '9']).toString('latin1');
    const layers = [...info.matchAll(/type=(\w+);/g)].map((m) => m[1]!);
    const signers = [...info.matchAll(/signer\d+\.id="([^"]*)"; signer\d+\.status=(\w+);/g)].map((m) => ({ id: m[1]!, status: m[2]! }));
    const allGood = signers.every((signer) => signer.status === 'GoodSignature');
    const content = allGood ? this.cmsutil(['-D', '-i', input, ...detached]) : null;
    return { content, layers, signers };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private cmsutil(args: string[], input?: Buffer): Buffer {
    return this.run('cmsutil', args, input);
  }

  private certutil(args: string[]): Buffer {
    return this.run('certutil', args);
  }

  private file(name: string, bytes: Buffer): string {
    const path = join(this.dir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
    writeFileSync(path, bytes);
    return path;
  }

  /** Runs an NSS tool on this database; throws with its stderr, or with the apt command when it is missing. */
  private run(tool: string, args: string[], input?: Buffer): Buffer {
    try {
      return execFileSync(tool, ['-d', `sql:${this.dir}`, ...args], { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
      if (failure.code === 'ENOENT') throw new Error(`NSS's ${tool} is not installed; run \`${INSTALL}\` (npm test installs it)`);
      throw new Error(`${tool} ${args.join(' ')} failed: ${failure.stderr?.toString().trim() ?? failure.message}`);
    }
  }
}

function nickname(identity: TestIdentity): string {
  return identity.email.replace(/[^a-z0-9]/gi, '_');
}

/** A test file's S/MIME fixture and an NSS database holding alice's and bob's identities, made once. */
export function withNssPeer(ready: (peer: { f: SmimeFixture; nss: NssDb }) => void): void {
  let peer: { f?: SmimeFixture; nss?: NssDb } = {};
  beforeAll(() => {
    const f = createSmimeFixture();
    peer = { f };
    const nss = new NssDb(f.ca);
    peer.nss = nss;
    nss.importIdentity(f.alice);
    nss.importIdentity(f.bob);
    ready({ f, nss });
  }, 120_000);
  afterAll(() => {
    peer.nss?.cleanup();
    peer.f?.cleanup();
  });
}
