/**
 * SMTP AUTH with an OAuth 2.0 access token, done by Sealmail rather than nodemailer: nodemailer knows
 * only XOAUTH2, and only through its own token fetching. OAUTHBEARER (RFC 7628) is used when the
 * server offers it, else XOAUTH2 (the older form Google and Microsoft documented); a server that
 * offers neither is refused before the token leaves Sealmail. nodemailer calls this only after TLS.
 */
import { NO_OAUTH_OFFERED } from './transport-codes';

/** The name the handler is registered under in nodemailer's `customAuth`; no server sees it. */
export const OAUTH_SASL_METHOD = 'SEALMAIL-OAUTH2';

interface AuthContext {
  auth: { credentials?: { user: string; pass: string } };
  /** What nodemailer recognised in the EHLO answer: PLAIN, LOGIN, CRAM-MD5 and XOAUTH2 only. */
  authMethods: string[];
  sendCommand(command: string): Promise<{ status: number; text: string; response: string }>;
}

// Fields are framed with \x01 (RFC 7628 §3.1): a control character in a value would end it early.
const CONTROL = /[\x00-\x1f\x7f]/;

export async function oauthSasl(context: AuthContext): Promise<void> {
  const credentials = context.auth.credentials;
  if (!credentials) throw new Error('No access token to log in with');
  const { user, pass: token } = credentials;
  if (CONTROL.test(user) || CONTROL.test(token)) throw new Error('The user name or access token contains control characters');
  const mechanism = await offeredMechanism(context);
  if (!mechanism) {
    throw Object.assign(new Error('The server offers no OAuth 2.0 login (neither OAUTHBEARER nor XOAUTH2)'), { code: NO_OAUTH_OFFERED });
  }
  const payload = mechanism === 'OAUTHBEARER'
    // gs2 header with the authzid (",", "=" escaped per RFC 5801), then auth=; host and port are optional.
    ? `n,a=${user.replace(/=/g, '=3D').replace(/,/g, '=2C')},\x01auth=Bearer ${token}\x01\x01`
    : `user=${user}\x01auth=Bearer ${token}\x01\x01`;
  let answer = await context.sendCommand(`AUTH ${mechanism} ${Buffer.from(payload, 'utf8').toString('base64')}`);
  if (answer.status === 334) {
    // RFC 7628 §3.2.3: a refusal comes as a challenge carrying the error; the client answers %x01
    // (XOAUTH2: an empty line) and the server then fails the exchange.
    answer = await context.sendCommand(mechanism === 'OAUTHBEARER' ? 'AQ==' : '');
  }
  if (answer.status !== 235) throw new Error(answer.response || 'Authentication failed');
}

/**
 * OAUTHBEARER when listed, else XOAUTH2 when listed. nodemailer keeps only the mechanisms it knows,
 * so the EHLO answer is asked for again (allowed at any time, RFC 5321 §4.1.4) to see OAUTHBEARER.
 */
async function offeredMechanism(context: AuthContext): Promise<'OAUTHBEARER' | 'XOAUTH2' | null> {
  const ehlo = await context.sendCommand('EHLO [127.0.0.1]');
  const offered = new Set<string>();
  for (const line of ehlo.response.split(/\r?\n/)) {
    const auth = /^250[- ]AUTH[ =](.*)$/i.exec(line.trim());
    if (auth) for (const name of auth[1]!.split(/[\s=]+/)) offered.add(name.toUpperCase());
  }
  if (offered.has('OAUTHBEARER')) return 'OAUTHBEARER';
  if (offered.has('XOAUTH2') || context.authMethods.includes('XOAUTH2')) return 'XOAUTH2';
  return null;
}
