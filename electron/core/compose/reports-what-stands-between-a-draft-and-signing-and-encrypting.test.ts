/** Readiness: honest "not available" without S/MIME, and per-recipient certificates with a keystore. */
import { expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { AttachmentService, safeFilename } from '../attachments/attachment-service';
import { ComposeReadinessService } from './compose-readiness';

const accounts = { get: async () => ({ id: 'a', address: 'alice@example.test', displayName: '', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) };

it('says signing and encrypting are unavailable while the build cannot do them', async () => {
  const readiness = await new ComposeReadinessService(accounts, { canProtect: false }).check('a', ['bob@example.test']);
  expect(readiness.sign.available).toBe(false);
  expect(readiness.encrypt.reason).toMatch(/cannot sign or encrypt/);
  expect(readiness.recipients).toEqual([{ address: 'bob@example.test', certificate: 'unknown' }]);
});

it('with a keystore, names the recipients whose certificate is missing and needs one’s own certificate', async () => {
  const keystore = {
    identityForAccount: async () => null,
    encryptionCertificateFor: async (email: string) => (email === 'bob@example.test' ? ({} as never) : null),
  };
  const readiness = await new ComposeReadinessService(accounts, { canProtect: true, keystore }).check('a', ['Bob@example.test', 'carol@example.test']);
  expect(readiness.recipients).toEqual([
    { address: 'Bob@example.test', certificate: 'known' },
    { address: 'carol@example.test', certificate: 'missing' },
  ]);
  expect(readiness.sign).toEqual({ available: false, reason: expect.stringMatching(/no certificate for alice@example.test/) });

  const locked = { ...keystore, identityForAccount: async () => Promise.reject(new SealmailError('KEYSTORE_LOCKED')) };
  const whileLocked = await new ComposeReadinessService(accounts, { canProtect: true, keystore: locked }).check('a', []);
  expect(whileLocked.sign.reason).toMatch(/locked/);
  const none = { ...keystore, identityForAccount: async () => Promise.reject(new SealmailError('NOT_FOUND', 'There is no keystore yet; create one first.')) };
  const withoutKeystore = await new ComposeReadinessService(accounts, { canProtect: true, keystore: none }).check('a', []);
  expect(withoutKeystore.encrypt.reason).toMatch(/no certificate for alice@example.test yet; import one under Certificates/);
});

it('saves attachments by their place in the view, under a name with no folders in it', async () => {
  const raw = Buffer.from(
    ['Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'body', '--b', 'Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="../../etc/passwd"', '', 'root', '--b--', ''].join('\r\n'),
  );
  const service = new AttachmentService({ source: async () => raw });
  const file = await service.get('a', 'INBOX', 1, 0);
  expect(file.filename).toBe('passwd');
  expect(Buffer.from(file.base64, 'base64').toString()).toBe('root');
  await expect(service.get('a', 'INBOX', 1, 5)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(safeFilename('.hidden')).toBe('hidden');
  expect(safeFilename('a<b>:c.txt')).toBe('a_b__c.txt');
});
