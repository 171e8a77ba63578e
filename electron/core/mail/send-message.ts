/**
 * Submits a composed message over SMTP (implicit TLS, authenticated) and files a copy in Sent.
 * A message counts as sent once the server accepted it; failing to file the copy is reported
 * in the result, not as a failure, so the user never sends twice.
 */
import type { ImapFlow } from 'imapflow';
import type { ServerEndpoint } from '../../../shared/domain';
import { asCredentialSource, withCredentials, type Credentials, type CredentialSource } from '../transport/credentials';
import { smtpOptions, type TrustSettings } from '../transport/tls-policy';
import { toTransportError } from '../transport/transport-errors';
import type { ComposedMessage } from './compose-message';

/** nodemailer, loaded on first use, not at start (see create-core.ts). */
const smtp = async () => (await import('nodemailer')).default;

export async function submitMessage(
  endpoint: ServerEndpoint,
  credentials: Credentials | CredentialSource,
  trust: TrustSettings,
  message: ComposedMessage,
): Promise<string[]> {
  // A refused login (a token that expired early) is retried once with a renewed token; nothing was sent.
  return withCredentials(asCredentialSource(credentials), async (current) => {
    const transport = (await smtp()).createTransport(smtpOptions(endpoint, current, trust));
    try {
      const info = await transport.sendMail({ envelope: message.envelope, raw: message.raw });
      return (info.accepted ?? []).map((address: unknown) => (typeof address === 'string' ? address : String((address as { address?: string }).address)));
    } catch (error) {
      throw toTransportError(error, 'SMTP', endpoint, current);
    } finally {
      transport.close();
    }
  });
}

/** Checks that the submission server accepts the credentials, over TLS, with a real login. */
export async function verifySubmission(endpoint: ServerEndpoint, credentials: Credentials | CredentialSource, trust: TrustSettings): Promise<void> {
  await withCredentials(asCredentialSource(credentials), async (current) => {
    const transport = (await smtp()).createTransport(smtpOptions(endpoint, current, trust));
    try {
      await transport.verify();
    } catch (error) {
      throw toTransportError(error, 'SMTP', endpoint, current);
    } finally {
      transport.close();
    }
  });
}

/** Appends the sent copy to the Sent folder, creating one when the server has none. */
export async function fileInSent(client: ImapFlow, message: ComposedMessage): Promise<boolean> {
  const mailboxes = await client.list();
  let sent = mailboxes.find((mailbox) => mailbox.specialUse === '\\Sent')?.path ?? mailboxes.find((mailbox) => /^sent$/i.test(mailbox.name))?.path;
  if (!sent) {
    await client.mailboxCreate('Sent');
    sent = 'Sent';
  }
  await client.append(sent, message.raw, ['\\Seen']);
  return true;
}
