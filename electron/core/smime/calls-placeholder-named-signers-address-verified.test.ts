/**
 * Issue 14, item 3: certificates made the way the free e-mail CAs made them. A subject whose only
 * name is a placeholder ("Thawte Freemail Member", "Persona Not Validated", "CAcert WoT User", the
 * address or its local part) is address verified, in the certificate manager and on a signature
 * alike; policy OIDs (CA/B Forum S/MIME BR 7.1.6.1) decide before the subject does.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateValidation } from '../../../shared/certificates';
import { describeCertificate } from '../keystore/describe-certificate';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import type { TestIdentity } from './testing/test-pki';

interface Case {
  made: string;
  local: string;
  /** The subject DN in `openssl -subj` form, given the certificate's address. */
  subject: (email: string) => string;
  policy?: string;
  expected: CertificateValidation;
}

const VERISIGN_CLASS_1 = '/O=VeriSign, Inc./OU=VeriSign Trust Network/OU=www.verisign.com\\/repository\\/RPA Incorp. by Ref.,LIAB.LTD(c)98/OU=Persona Not Validated/OU=Digital ID Class 1 - Netscape';
const MAILBOX_VALIDATED = '2.23.140.1.5.1.2';
const INDIVIDUAL_VALIDATED = '2.23.140.1.5.4.2';

const CASES: Case[] = [
  { made: 'Thawte Freemail, before a notary checked the person', local: 'thawte', subject: (e) => `/CN=Thawte Freemail Member/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'any "... Freemail Member", in any case and spacing', local: 'freemail', subject: (e) => `/CN=  example   FREEMAIL-member /emailAddress=${e}`, expected: 'address-verified' },
  { made: 'VeriSign Class 1 with "Persona Not Validated" as CN', local: 'persona', subject: (e) => `${VERISIGN_CLASS_1}/CN=Persona Not Validated/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'VeriSign Class 1 with a CN the subscriber typed and nobody checked', local: 'typed', subject: (e) => `${VERISIGN_CLASS_1}/CN=Chief Executive Officer/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'CAcert before assurance', local: 'cacert', subject: (e) => `/CN=CAcert WoT User/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'StartCom Class 1 (address as CN, a random description)', local: 'startcom', subject: (e) => `/description=Xq3r0sZk1Lw8Ad2P/CN=${e}/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'CA/B Forum mailbox-validated (policy, address as CN)', local: 'mailbox', subject: (e) => `/CN=${e}`, policy: MAILBOX_VALIDATED, expected: 'address-verified' },
  { made: 'the local part as the name', local: 'j.doe', subject: (e) => `/CN=J.Doe/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'no CN at all', local: 'nocn', subject: (e) => `/emailAddress=${e}`, expected: 'address-verified' },
  { made: 'mailbox-validated and individual-validated both claimed: the lesser', local: 'both', subject: () => '/GN=Alice/SN=Liddell', policy: `${MAILBOX_VALIDATED},${INDIVIDUAL_VALIDATED}`, expected: 'address-verified' },
  { made: 'Thawte after a Web of Trust notary: the real name', local: 'alice', subject: (e) => `/CN=Alice Liddell/emailAddress=${e}`, expected: 'identity-verified' },
  { made: 'an organisation named by its CA', local: 'accounts', subject: (e) => `/O=Example Ltd/CN=Accounts/emailAddress=${e}`, expected: 'identity-verified' },
  { made: 'CA/B individual-validated, address as CN and the name in givenName/surname', local: 'liddell', subject: (e) => `/GN=Alice/SN=Liddell/CN=${e}`, policy: INDIVIDUAL_VALIDATED, expected: 'identity-verified' },
  // Policy OIDs decide first: a CA asserting individual validation under the BRs checked the person.
  { made: 'CA/B individual-validated with a placeholder-looking CN', local: 'policyfirst', subject: (e) => `/CN=Thawte Freemail Member/emailAddress=${e}`, policy: INDIVIDUAL_VALIDATED, expected: 'identity-verified' },
  { made: 'CA/B organization-validated, address as CN', local: 'orgv', subject: (e) => `/O=Example Ltd/CN=${e}`, policy: '2.23.140.1.5.2.2', expected: 'identity-verified' },
];

let f: SmimeFixture;
const issued = new Map<string, TestIdentity>();
beforeAll(() => {
  f = createSmimeFixture();
  for (const c of CASES) {
    const email = `${c.local}@example.test`;
    issued.set(c.made, f.pki.issue(f.ca, email, { keyType: 'ec', subject: c.subject(email), ...(c.policy ? { policy: c.policy } : {}) }));
  }
}, 120_000);
afterAll(() => f.cleanup());

describe.each(CASES)('a certificate made as $made', (c) => {
  it(`is listed ${c.expected} in the certificate manager`, () => {
    const identity = issued.get(c.made)!;
    expect(describeCertificate(new X509Certificate(identity.certPem), f.now).validation).toBe(c.expected);
  });

  it(`signs valid mail whose signer is ${c.expected}`, async () => {
    const identity = issued.get(c.made)!;
    const { verdict } = await f.read(f.signedMessage(identity, 'Hello.'));
    expect(verdict.signature.status).toBe('valid');
    expect(verdict.signature.details?.chain[0]).toMatchObject({ fingerprint256: identity.certificate.x509.fingerprint256, validation: c.expected });
    // Only a name the CA checked is shown as who signed; otherwise the badge shows the address alone.
    if (c.expected === 'address-verified') expect(verdict.signature.signer).toMatchObject({ name: '', email: `${c.local}@example.test` });
    else expect(verdict.signature.signer?.name).not.toBe('');
  });
});
