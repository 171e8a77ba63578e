import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { DeliveryHop, DeliveryReport } from '../../shared/delivery-types';
import type { SmimeVerdict } from '../../shared/smime-types';
import { mailboxHandlers, renderApp, view } from './fixtures';

const hop = (overrides: Partial<DeliveryHop>): DeliveryHop => ({
  from: 'mail.sender.example',
  fromIp: '192.0.2.1',
  by: 'mx.example.test',
  protocol: 'ESMTPS',
  tls: 'tls',
  tlsVersion: 'TLS 1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  time: '2026-12-01T10:00:00.000Z',
  internal: false,
  trusted: true,
  unreadable: null,
  ...overrides,
});

const throughPlaintext: DeliveryReport = {
  hops: [
    hop({ from: 'laptop.sender.example', fromIp: '198.51.100.7', by: 'mail.sender.example', protocol: 'ESMTP', tls: 'none', tlsVersion: null, cipher: null, trusted: false }),
    hop({}),
    hop({ from: 'mx.example.test', fromIp: null, by: 'imap.example.test', protocol: 'LMTP', tls: 'none', tlsVersion: null, cipher: null, internal: true }),
  ],
  verdict: 'hops-without-tls',
  withoutTls: 1,
  unknown: 0,
  claimed: 1,
};

const valid: SmimeVerdict = {
  signature: { status: 'valid', signer: { email: 'bob@example.test', name: '', validation: 'trusted-revocation-unknown', fingerprint256: 'AA:BB' }, reason: null, details: null },
  encryption: { status: 'none', algorithm: null, reason: null, integrityProtected: false },
};

async function openWith(overrides: Parameters<typeof view>[1]) {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, overrides) }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });
  return reader;
}

test('a hop without TLS shows as a Delivery warning in the header, apart from a signature badge it leaves as it was', async () => {
  const reader = await openWith({ security: valid, delivery: throughPlaintext, html: '<p>TLS on every hop</p>' });
  const indicator = within(reader).getByRole('button', { name: /^Delivery:/ });
  expect(indicator.getAttribute('aria-label')).toBe("Delivery: 1 hop without TLS, 1 hop as the sender's side claims");
  expect(indicator.className).toContain('security-warning');
  expect(indicator.closest('header')).not.toBeNull();
  expect(reader.querySelector('iframe')?.contains(indicator)).toBe(false);
  // The signature badge is the same whatever the road: green for a valid signature.
  const badge = within(reader).getByRole('button', { name: /^Signed/ });
  expect(badge.className).toContain('security-good');
});

test('the details list every hop in the order the message travelled, with claims and internal hops said as such', async () => {
  const reader = await openWith({ security: valid, delivery: throughPlaintext });
  fireEvent.click(within(reader).getByRole('button', { name: /^Delivery:/ }));
  const panel = within(reader).getByRole('region', { name: 'Delivery details' });
  const hops = panel.querySelectorAll('.delivery-hop');
  expect(hops).toHaveLength(3);
  expect(hops[0]!.textContent).toContain('laptop.sender.example');
  expect(hops[0]!.textContent).toContain('No TLS: readable by anyone on the network');
  expect(hops[0]!.textContent).toContain("Claimed: written before your provider received the message");
  expect(hops[1]!.textContent).toContain('TLS (TLS 1.3, TLS_AES_256_GCM_SHA384)');
  expect(hops[1]!.textContent).toContain('Recorded by your provider');
  expect(hops[2]!.textContent).toContain('No TLS, inside one organisation');
  expect(panel.textContent).toContain('never makes a signature more or less valid');
  // Only one panel at a time: opening the signature's closes the road's.
  fireEvent.click(within(reader).getByRole('button', { name: /^Signed/ }));
  expect(within(reader).queryByRole('region', { name: 'Delivery details' })).toBeNull();
});

test('TLS on every hop is said in a neutral tone, never green', async () => {
  const everyHop: DeliveryReport = { hops: [hop({})], verdict: 'tls-every-hop', withoutTls: 0, unknown: 0, claimed: 0 };
  const reader = await openWith({ security: valid, delivery: everyHop });
  const indicator = within(reader).getByRole('button', { name: /^Delivery:/ });
  expect(indicator.getAttribute('aria-label')).toBe('Delivery: TLS on every hop');
  expect(indicator.className).not.toContain('security-good');
});

test('a message that never travelled (a sent copy, a draft) shows no Delivery indicator, and its badges as ever', async () => {
  const reader = await openWith({ security: valid, delivery: { hops: [], verdict: 'unknown', withoutTls: 0, unknown: 0, claimed: 0 } });
  expect(within(reader).getByRole('button', { name: /^Signed/ })).toBeTruthy();
  expect(within(reader).queryByRole('button', { name: /^Delivery/ })).toBeNull();
});

test('an unreadable hostile header is shown as unreadable text, never as markup', async () => {
  const hostile: DeliveryReport = {
    hops: [hop({ unreadable: 'This Received field holds an HTML tag.', from: null, fromIp: null, by: null, protocol: null, tls: 'unknown', trusted: false })],
    verdict: 'unknown',
    withoutTls: 0,
    unknown: 1,
    claimed: 1,
  };
  const reader = await openWith({ delivery: hostile });
  const indicator = within(reader).getByRole('button', { name: /^Delivery unknown/ });
  expect(indicator.getAttribute('aria-label')).toBe('Delivery unknown, 1 hop that does not say');
  fireEvent.click(indicator);
  const panel = within(reader).getByRole('region', { name: 'Delivery details' });
  expect(panel.textContent).toContain('Unreadable: This Received field holds an HTML tag.');
});
