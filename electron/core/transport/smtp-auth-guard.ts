/**
 * SMTP AUTH PLAIN (RFC 4954, RFC 4616), done by Sealmail rather than nodemailer so that a server that
 * advertises no AUTH at all is refused before anything is sent. nodemailer falls back to PLAIN
 * when the server lists no mechanism, and would otherwise send the message without logging in.
 */
import { NO_AUTH_OFFERED } from './transport-codes';

interface AuthContext {
  auth: { credentials?: { user: string; pass: string } };
  authMethods: string[];
  sendCommand(command: string): Promise<{ status: number; text: string; response: string }>;
}

export async function refusingPlainAuth(context: AuthContext): Promise<void> {
  if (context.authMethods.length === 0) {
    throw Object.assign(new Error('The server offers no way to log in (no AUTH in its EHLO answer)'), { code: NO_AUTH_OFFERED });
  }
  const credentials = context.auth.credentials;
  if (!credentials) throw new Error('No credentials to log in with');
  const token = Buffer.from(`\0${credentials.user}\0${credentials.pass}`, 'utf8').toString('base64');
  let answer = await context.sendCommand(`AUTH PLAIN ${token}`);
  // A server that takes no initial response asks for it with an empty 334 challenge.
  if (answer.status === 334) answer = await context.sendCommand(token);
  if (answer.status !== 235) throw new Error(answer.response || 'Authentication failed');
}
