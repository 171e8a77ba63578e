import { expect, test } from 'vitest';
import { sameData } from './same-data';

test('equal plain data is the same, however deep', () => {
  const summary = () => ({ uid: 1, subject: 'Hi', from: { name: 'Bob', address: 'b@x' }, to: [{ name: '', address: 'a@x' }], seen: true, size: 10, extra: null });
  expect(sameData(summary(), summary())).toBe(true);
  expect(sameData([1, 'a', [true]], [1, 'a', [true]])).toBe(true);
});

test('any difference of value, shape or key makes it different', () => {
  const base = { uid: 1, to: [{ address: 'a@x' }], seen: true };
  expect(sameData(base, { ...base, seen: false })).toBe(false);
  expect(sameData(base, { ...base, to: [{ address: 'c@x' }] })).toBe(false);
  expect(sameData(base, { ...base, to: [] })).toBe(false);
  expect(sameData(base, { uid: 1, to: [{ address: 'a@x' }] })).toBe(false);
  expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
  expect(sameData([1], { 0: 1 })).toBe(false);
  expect(sameData(null, {})).toBe(false);
  expect(sameData('1', 1)).toBe(false);
});
