/**
 * A submission server that advertises no AUTH would take mail without a login, and nodemailer's
 * verify() would call that a success. With credentials configured, Sealmail refuses instead: the
 * check and the send both fail, and no AUTH command, password or message reaches the server.
 */
import { afterEach, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { submitMessage, verifySubmission } from '../mail/send-message';
import { implicitScript } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeTestAuthority } from '../testing/test-certificates';

const PASSWORD = 'correct horse battery staple';
const credentials = { user: 'alice@example.test', pass: PASSWORD };
const authority = makeTestAuthority();
const trust = { extraTrustAnchors: [authority.caPem] };

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

it('fails verification and sending against a server without AUTH, and sends it nothing', async () => {
  server = await startScriptedServer(implicitScript('smtp', authority.issue(), { auth: false }));
  const endpoint = { host: '127.0.0.1', port: server.port, security: 'tls' as const };

  const verified = await verifySubmission(endpoint, credentials, trust).catch((error: unknown) => error);
  expect(verified).toBeInstanceOf(SealmailError);
  expect(verified).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/does not offer to log in/) });

  const message = {
    raw: Buffer.from('From: alice@example.test\r\nTo: bob@example.test\r\nSubject: hello\r\n\r\nsecret body\r\n'),
    messageId: '<1@example.test>',
    envelope: { from: 'alice@example.test', to: ['bob@example.test'] },
  };
  const sent = await submitMessage(endpoint, credentials, trust, message).catch((error: unknown) => error);
  expect(sent).toMatchObject({ code: 'AUTH_FAILED' });

  const wire = server.received();
  expect(wire).toContain('EHLO');
  expect(wire).not.toMatch(/AUTH|MAIL FROM|RCPT TO|DATA/i);
  expect(wire).not.toContain(PASSWORD);
  expect(wire).not.toContain('secret body');
});
