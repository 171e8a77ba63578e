import { expect, test } from 'vitest';
import { formatAddress, formatListDate, formatSize, nameImpersonatesAddress, senderLabel, subjectLabel } from './format';

test('an address is shown with its name when there is one, and alone otherwise', () => {
  expect(formatAddress({ name: 'Bob', address: 'bob@example.test' })).toBe('Bob <bob@example.test>');
  expect(formatAddress({ name: '', address: 'bob@example.test' })).toBe('bob@example.test');
  expect(formatAddress({ name: 'BOB@example.test', address: 'bob@example.test' })).toBe('bob@example.test');
  expect(formatAddress(null)).toBe('(unknown sender)');
  expect(senderLabel({ name: ' ', address: 'bob@example.test' })).toBe('bob@example.test');
});

test('a name that carries a different address is recognised as impersonation', () => {
  expect(nameImpersonatesAddress({ name: 'service@bank.test', address: 'x@evil.test' })).toBe(true);
  expect(nameImpersonatesAddress({ name: 'Bank (service@bank.test)', address: 'service@bank.test' })).toBe(false);
  expect(nameImpersonatesAddress({ name: 'Bob', address: 'bob@example.test' })).toBe(false);
});

test('blank subjects read "(no subject)"', () => {
  expect(subjectLabel('  ')).toBe('(no subject)');
  expect(subjectLabel('Hi')).toBe('Hi');
});

test('list dates get shorter the closer they are to now', () => {
  const now = new Date(2024, 2, 15, 12, 0);
  expect(formatListDate(new Date(2024, 2, 15, 9, 5).toISOString(), now)).toMatch(/09.05|9.05/);
  expect(formatListDate(new Date(2024, 2, 14, 9, 5).toISOString(), now)).toBe('Yesterday');
  expect(formatListDate(new Date(2024, 0, 2).toISOString(), now)).not.toMatch(/2024/);
  expect(formatListDate(new Date(2021, 0, 2).toISOString(), now)).toMatch(/2021/);
  expect(formatListDate('not a date', now)).toBe('');
});

test('sizes are shown in binary multiples', () => {
  expect(formatSize(512)).toBe('512 bytes');
  expect(formatSize(1536)).toBe('1.5 KB');
  expect(formatSize(34 * 1024)).toBe('34 KB');
  expect(formatSize(1_258_291)).toBe('1.2 MB');
  expect(formatSize(-1)).toBe('');
});
