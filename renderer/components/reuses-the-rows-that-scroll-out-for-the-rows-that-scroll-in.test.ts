import { expect, test } from 'vitest';
import { RowSlots } from './row-slots';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('a row keeps its slot while it stays in view', () => {
  const slots = new RowSlots();
  const first = slots.assign(range(0, 19));
  const second = slots.assign(range(10, 29));
  // Rows 10..19 were in view before and keep their slots.
  expect(second.slice(0, 10)).toEqual(first.slice(10, 20));
});

test('rows scrolling in take the slots of rows that scrolled out, so no new slot is made', () => {
  const slots = new RowSlots();
  slots.assign(range(0, 19));
  for (let start = 7; start < 5000; start += 7) {
    const assigned = slots.assign(range(start, start + 19));
    expect(new Set(assigned).size).toBe(20);
    expect(Math.max(...assigned)).toBe(19);
  }
});

test('a window that grows gets new slots only for the extra rows, and a jump reuses them all', () => {
  const slots = new RowSlots();
  slots.assign(range(0, 9));
  expect(slots.assign(range(0, 11)).slice(10)).toEqual([10, 11]);
  expect([...slots.assign(range(90_000, 90_011))].sort((a, b) => a - b)).toEqual(range(0, 11));
});
