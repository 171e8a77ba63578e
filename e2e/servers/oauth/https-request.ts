// Plain HTTPS requests to the test authorization server for the OAuth test helpers, trusting only the
// mail servers' test CA (certificate checks stay on), and never following redirects: the helpers read
// the Location themselves.
import { request } from 'node:https';

export interface HttpsAnswer { status: number; location?: string; body: string }

export function httpsRequest(url: string, caPem: string, form?: URLSearchParams): Promise<HttpsAnswer> {
  const body = form?.toString();
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: form ? 'POST' : 'GET',
      ca: [caPem],
      headers: form ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body!) } : {},
      timeout: 10_000,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs a form and insists on 200. */
export async function postFormOk(url: string, caPem: string, form: Record<string, string>): Promise<HttpsAnswer> {
  const answer = await httpsRequest(url, caPem, new URLSearchParams(form));
  if (answer.status !== 200) throw new Error(`POST ${url} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return answer;
}
