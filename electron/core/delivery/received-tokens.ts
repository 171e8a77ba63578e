/**
 * Splits one unfolded Received field into words, comments and semicolons (RFC 5322 §3.2.2 comments,
 * nested, with quoted-pairs; §3.2.4 quoted strings inside words). One pass, no regular expressions,
 * so no input can make it backtrack: a megabyte of "(((((" is a megabyte of steps.
 */

export type Token =
  | { kind: 'word'; text: string }
  /** The text between the outer parentheses, inner ones kept. */
  | { kind: 'comment'; text: string }
  | { kind: 'semicolon' };

export type Tokenized = { tokens: Token[]; problem: null } | { tokens: null; problem: string };

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

export function tokenize(value: string): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value[i];
    if (isSpace(c)) {
      i++;
    } else if (c === ';') {
      tokens.push({ kind: 'semicolon' });
      i++;
    } else if (c === ')') {
      return { tokens: null, problem: 'A parenthesis in it is closed that was never opened.' };
    } else if (c === '(') {
      const end = commentEnd(value, i);
      if (end === -1) return { tokens: null, problem: 'A comment in it is never closed.' };
      tokens.push({ kind: 'comment', text: value.slice(i + 1, end) });
      i = end + 1;
    } else {
      const end = wordEnd(value, i);
      if (end === -1) return { tokens: null, problem: 'A quoted string in it is never closed.' };
      tokens.push({ kind: 'word', text: value.slice(i, end) });
      i = end;
    }
  }
  return { tokens, problem: null };
}

/** Index of the `)` closing the comment opened at `start`, or -1. */
function commentEnd(value: string, start: number): number {
  let depth = 0;
  for (let i = start; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index just past the word starting at `start` (quoted strings inside it kept whole), or -1. */
function wordEnd(value: string, start: number): number {
  let i = start;
  while (i < value.length) {
    const c = value[i];
    if (isSpace(c) || c === '(' || c === ')' || c === ';') return i;
    if (c === '"') {
      i++;
      while (i < value.length && value[i] !== '"') i += value[i] === '\\' ? 2 : 1;
      if (i >= value.length) return -1;
    }
    i++;
  }
  return i;
}
