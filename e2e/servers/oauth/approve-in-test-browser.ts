// Stands in for the person at their system browser: opens the sign-in address the app handed to
// the browser, enters the password on the consent page, presses Allow (or Deny), and follows the
// redirect back to the app's loopback listener, as a browser would. Certificate checks stay on.
import { get } from 'node:http';
import { JSDOM } from 'jsdom';
import { httpsRequest } from './https-request.js';
import { consentSubmission } from './token-for-test-user.js';

export async function approveInTestBrowser(url: string, caPem: string, user: { address: string; password: string }): Promise<void> {
  const page = await httpsRequest(url, caPem);
  if (page.status !== 200) throw new Error(`the sign-in page answered ${page.status}`);
  const [action, fields] = consentSubmission(page.body, new URL(url), user);
  const decision = await httpsRequest(action, caPem, fields);
  if (decision.status !== 302 || !decision.location) {
    const alert = new JSDOM(decision.body).window.document.querySelector('[role=alert]')?.textContent;
    throw new Error(`the consent page did not let ${user.address} in: ${alert ?? decision.status}`);
  }
  await followToLoopback(decision.location);
}

/** The browser's GET of the redirect: only to the app's listener on 127.0.0.1. */
function followToLoopback(location: string): Promise<number> {
  const target = new URL(location);
  if (target.protocol !== 'http:' || target.hostname !== '127.0.0.1') throw new Error(`the redirect went to ${target.origin}, not to the app on loopback`);
  return new Promise((resolve, reject) => {
    get(target, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}
