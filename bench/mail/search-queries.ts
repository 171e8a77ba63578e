/** The searches the benchmarks time: words, prefixes, two words, from: and is:unread, over the generated mail's vocabulary, the same every run. */
import { GENERATED_PEOPLE, GENERATED_WORDS } from '../../e2e/servers/seed-generated';

export function benchQueries(count: number): string[] {
  let state = 99;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const word = () => GENERATED_WORDS[next(GENERATED_WORDS.length)]!;
  const person = () => GENERATED_PEOPLE[next(GENERATED_PEOPLE.length)]!.split(' ')[0]!.toLowerCase();
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 10;
    if (kind < 5) return word();
    if (kind < 7) return word().slice(0, 3 + next(2));
    if (kind < 8) return `${word()} ${word()}`;
    if (kind < 9) return `from:${person()} ${word()}`;
    return `${word()} is:unread`;
  });
}
