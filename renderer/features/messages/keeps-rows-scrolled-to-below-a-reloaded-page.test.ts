import { expect, test } from 'vitest';
import { mergeReloadedPage } from './merge-reloaded-page';

const uid = (n: number) => n;
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

test('a page as long as what is shown replaces it', () => {
  expect(mergeReloadedPage(range(10, 6), [11, 10, 9, 8, 7], uid)).toEqual([11, 10, 9, 8, 7]);
});

test('rows below the page that followed its last row stay, none twice', () => {
  // Shown 100..1; two new messages on top; the page is the newest 50.
  const page = [102, 101, ...range(100, 53)];
  expect(mergeReloadedPage(range(100, 1), page, uid)).toEqual([...page, ...range(52, 1)]);
});

test('rows deleted inside the page are gone, rows below it are kept', () => {
  const page = range(100, 51).filter((n) => n !== 70 && n !== 71).concat([50, 49]);
  expect(mergeReloadedPage(range(100, 1), page, uid)).toEqual([...page, ...range(48, 1)]);
});

test('a page that ends with new rows resumes after the last row that was shown', () => {
  // The page's last rows were never shown (moved in from elsewhere); the row before them was.
  const page = [...range(100, 60), 500, 501];
  expect(mergeReloadedPage(range(100, 1), page, uid)).toEqual([...page, ...range(59, 1)]);
});

test('a page with nothing shown before starts the list over', () => {
  expect(mergeReloadedPage(range(100, 1), range(300, 251), uid)).toEqual(range(300, 251));
});

test('a row that comes back unchanged is the object already shown; a changed one is the new one', () => {
  type Row = { uid: number; seen: boolean; from: { name: string } };
  const row = (uid: number, seen = true): Row => ({ uid, seen, from: { name: 'Bob' } });
  const shown = [row(3), row(2), row(1)];
  const page = [row(4), row(3), row(2, false), row(1)];
  const merged = mergeReloadedPage(shown, page, (r) => r.uid);
  expect(merged).toEqual(page);
  expect(merged[0]).toBe(page[0]); // new
  expect(merged[1]).toBe(shown[0]); // unchanged: kept
  expect(merged[2]).toBe(page[2]); // marked unread elsewhere: replaced
  expect(merged[3]).toBe(shown[2]);
});

test('a reload that changes nothing gives back the very list shown, so nothing is drawn again', () => {
  const row = (uid: number) => ({ uid, seen: true });
  const shown = Array.from({ length: 300 }, (_, i) => row(300 - i));
  expect(mergeReloadedPage(shown, shown.slice(0, 100).map((r) => row(r.uid)), (r) => r.uid)).toBe(shown);
  expect(mergeReloadedPage(shown, [row(301), ...shown.slice(0, 99)], (r) => r.uid)).not.toBe(shown);
});
