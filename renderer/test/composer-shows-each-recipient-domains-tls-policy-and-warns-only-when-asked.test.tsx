import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ComposeReadiness } from '../../shared/compose-types';
import type { DomainPolicyKind, DomainTransportPolicy } from '../../shared/delivery-types';
import { WARN_UNENFORCED_TRANSPORT_KEY } from '../lib/transport-warning';
import { mailboxHandlers, renderApp } from './fixtures';

beforeEach(() => window.localStorage.clear());
afterEach(() => window.localStorage.clear());

const KINDS: Record<string, DomainPolicyKind> = { 'dane.example': 'dane', 'sts.example': 'mta-sts', 'plain.example': 'none', 'broken.example': 'unknown' };

function policy(domain: string): DomainTransportPolicy {
  const kind = KINDS[domain] ?? 'none';
  return { domain, kind, mx: [`mx.${domain}`], dnssec: null, mtaSts: null, problems: kind === 'unknown' ? ['The DNS server at 127.0.0.2:53 did not answer within 5 s.'] : [], checkedAt: '2026-12-03T10:00:00.000Z' };
}

const readyToEncrypt = async ({ recipients }: { recipients: string[] }): Promise<ComposeReadiness> => ({
  sign: { available: true, reason: null },
  encrypt: { available: true, reason: null },
  recipients: recipients.map((address) => ({ address, certificate: 'known' })),
});

function handlers() {
  return mailboxHandlers({
    composeReadiness: readyToEncrypt,
    checkRecipientDomains: async ({ domains }) => ({ submissionHost: 'smtp.example.test', domains: domains.map(policy) }),
    sendMessage: async () => ({ messageId: '<x@t>', accepted: [], savedToSent: true }),
  });
}

async function compose(to: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  const dialog = screen.getByRole('dialog', { name: 'New message' });
  fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: to } });
  fireEvent.change(within(dialog).getByLabelText('Message'), { target: { value: 'Hello.' } });
  return dialog;
}

const pause = () => act(() => new Promise((resolve) => setTimeout(resolve, 500)));

test('the Delivery line names the domain without an enforced policy, and its list says each domain’s policy and who relays', async () => {
  const fake = renderApp(handlers());
  const dialog = await compose('a@dane.example, b@sts.example, c@plain.example, d@broken.example,');
  await pause();
  const line = dialog.querySelector('.recipient-domains')!;
  expect(line.querySelector('summary')!.textContent).toContain('plain.example, broken.example: no enforced TLS');
  const items = [...line.querySelectorAll('.recipient-domain')].map((item) => item.textContent);
  expect(items).toEqual([
    'dane.example enforced by DANE',
    'sts.example enforced by MTA-STS',
    'plain.example no policy: servers may fall back to plaintext',
    'broken.example could not be checkedThe DNS server at 127.0.0.2:53 did not answer within 5 s.',
  ]);
  expect(line.textContent).toContain('Your submission server, smtp.example.test, relays this message');
  // One lookup for the four domains, made by the core; none while typing.
  expect(fake.calls.filter((c) => c.name === 'checkRecipientDomains').map((c) => c.input)).toEqual([{ accountId: 'acc-1', domains: ['dane.example', 'sts.example', 'plain.example', 'broken.example'] }]);
});

test('by default Send goes out to a domain with no policy, without a warning', async () => {
  const fake = renderApp(handlers());
  const dialog = await compose('c@plain.example,');
  await pause();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(fake.calls.filter((c) => c.name === 'sendMessage')).toHaveLength(1);
});

test('with the warning chosen, Send stops for a domain without enforced TLS until the user says Send anyway', async () => {
  window.localStorage.setItem(WARN_UNENFORCED_TRANSPORT_KEY, 'true');
  const fake = renderApp(handlers());
  const dialog = await compose('a@dane.example, c@plain.example, d@broken.example,');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  const warning = await within(dialog).findByRole('alert');
  expect(warning.textContent).toContain('plain.example and broken.example do not enforce TLS between mail servers');
  expect(fake.calls.some((c) => c.name === 'sendMessage')).toBe(false);
  fireEvent.click(within(warning).getByRole('button', { name: 'Send anyway' }));
  await screen.findByText('Message sent');
  expect(fake.calls.filter((c) => c.name === 'sendMessage')).toHaveLength(1);
});

test('with the warning chosen, a message only to enforcing domains goes out without asking', async () => {
  window.localStorage.setItem(WARN_UNENFORCED_TRANSPORT_KEY, 'true');
  const fake = renderApp(handlers());
  const dialog = await compose('a@dane.example, b@sts.example,');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(fake.calls.filter((c) => c.name === 'sendMessage')).toHaveLength(1);
});

test('a lookup the core cannot make says so in the Delivery line and never stops Send', async () => {
  const fake = renderApp({ ...handlers(), checkRecipientDomains: async () => Promise.reject(new Error('resolver gone')) });
  const dialog = await compose('c@plain.example,');
  await pause();
  expect(dialog.querySelector('.recipient-domains summary')!.textContent).toContain('not checked:');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(fake.calls.filter((c) => c.name === 'sendMessage')).toHaveLength(1);
});

test('the warning is a setting in the Connection security panel, off until chosen', async () => {
  renderApp({ ...handlers(), accountPosture: () => new Promise(() => undefined) });
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));
  const box = screen.getByRole('checkbox', { name: 'Warn me before sending to a domain that does not enforce TLS between servers' }) as HTMLInputElement;
  expect(box.checked).toBe(false);
  fireEvent.click(box);
  expect(window.localStorage.getItem(WARN_UNENFORCED_TRANSPORT_KEY)).toBe('true');
});
