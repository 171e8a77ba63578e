import { expect, test } from 'vitest';
import { parseRecipients } from './recipients';

test('commas or semicolons separate recipients, and Name <address> keeps only the address', () => {
  expect(parseRecipients(' bob@example.test, Carol <carol@example.test>; ,dave@example.test ')).toEqual({
    addresses: ['bob@example.test', 'carol@example.test', 'dave@example.test'],
    invalid: [],
  });
});

test('entries that are not addresses are reported as typed', () => {
  expect(parseRecipients('bob@example.test, bob at home')).toEqual({ addresses: ['bob@example.test'], invalid: ['bob at home'] });
  expect(parseRecipients('   ')).toEqual({ addresses: [], invalid: [] });
});
