/**
 * Reads one Received field (RFC 5321 §4.4 trace information: `from`, `by`, `via`, `with`, `id`,
 * `for` and the registered `tls` clause of RFC 8314 §7, comments anywhere, `; date-time` last) into
 * what one hop says, as written. Whether the hop stayed inside one organisation and whether it can be
 * believed depend on its neighbours and are decided elsewhere.
 */
import type { HopTls } from '../../../shared/delivery-types';
import { fieldHazard } from './field-hazards';
import { isHostName, normaliseName, readHost, readIp, type Host } from './host-names';
import { readReceivedDate } from './received-date';
import { MAX_RECEIVED_LENGTH } from './received-fields';
import { tokenize, type Token } from './received-tokens';
import { commentTls, protocolTls } from './tls-evidence';

export interface ParsedReceived {
  from: string | null;
  fromIp: string | null;
  by: string | null;
  byHost: Host | null;
  protocol: string | null;
  tls: HopTls;
  tlsVersion: string | null;
  cipher: string | null;
  time: string | null;
  /**
   * Names of the sending host that the receiving server found itself (reverse DNS in the TCP-info
   * comment, Exim's verified host name), lower case. The name the sender gave (HELO) counts only
   * when the field shows no address at all, as on an LMTP hop inside one machine: where an address
   * is shown, a HELO name is the sender's own claim and anyone can say `mx.google.com`.
   */
  senderNames: string[];
  /** Postfix's pickup of locally submitted mail: no `from`, and `(Postfix, from userid 1000)`. */
  localPickup: boolean;
  unreadable: string | null;
}

export const TOO_LONG = 'This Received field is longer than 8 KB.';

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for', 'tls']);

interface Clause {
  words: string[];
  comments: string[];
}

export function unreadableReceived(reason: string): ParsedReceived {
  return {
    from: null, fromIp: null, by: null, byHost: null, protocol: null, tls: 'unknown', tlsVersion: null, cipher: null, time: null,
    senderNames: [], localPickup: false, unreadable: reason,
  };
}

export function parseReceived(value: string): ParsedReceived {
  if (value.length > MAX_RECEIVED_LENGTH) return unreadableReceived(TOO_LONG);
  const hazard = fieldHazard(value);
  if (hazard) return unreadableReceived(hazard);
  const { tokens, problem } = tokenize(value);
  if (problem !== null) return unreadableReceived(problem);
  if (tokens.length === 0) return unreadableReceived('This Received field is empty.');

  // RFC 5322 §3.6.7: the date-time follows the last semicolon; comments inside it are not the date.
  let dateStart = tokens.length;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]!.kind === 'semicolon') {
      dateStart = i + 1;
      break;
    }
  }
  const dateWords = tokens.slice(dateStart).flatMap((token) => (token.kind === 'word' ? [token.text] : []));
  const read = readClauses(tokens.slice(0, dateStart));
  if (typeof read === 'string') return unreadableReceived(read);
  const { clauses, leading } = read;

  const fromClause = clauses.get('from');
  const byClause = clauses.get('by');
  const from = fromClause ? oneHost(fromClause, 'from') : null;
  if (typeof from === 'string') return unreadableReceived(from);
  const by = byClause ? oneHost(byClause, 'by') : null;
  if (typeof by === 'string') return unreadableReceived(by);
  const sender = fromClause && from ? readSender(from, fromClause.comments) : { ip: null, names: [], tcpInfo: -1 };
  if (typeof sender === 'string') return unreadableReceived(sender);

  const withClause = clauses.get('with');
  const protocol = withClause && withClause.words.length > 0 ? withClause.words.join(' ').toUpperCase() : null;
  if (withClause && protocol === null) return unreadableReceived('Its with clause names no protocol.');

  // Every comment may carry the TLS note, except the sender's TCP-info, which quotes what it sent.
  const comments = [...leading];
  for (const [name, clause] of clauses) comments.push(...clause.comments.filter((_, i) => !(name === 'from' && i === sender.tcpInfo)));
  const tlsClause = clauses.get('tls');
  let sawTls = tlsClause !== undefined;
  let tlsVersion: string | null = null;
  let cipher: string | null = tlsClause?.words[0] ?? null;
  for (const comment of comments) {
    const evidence = commentTls(comment);
    if (evidence === null) continue;
    if (evidence.kind === 'invented-version') return unreadableReceived(`It names TLS version ${evidence.text}, which does not exist.`);
    sawTls = true;
    tlsVersion ??= evidence.version;
    cipher ??= evidence.cipher;
  }

  return {
    from: from ? from.word : null,
    fromIp: sender.ip,
    by: by ? by.word : null,
    byHost: by ? by.host : null,
    protocol,
    tls: sawTls ? 'tls' : protocolTls(protocol),
    tlsVersion,
    cipher,
    time: readReceivedDate(dateWords),
    senderNames: sender.names,
    localPickup: !fromClause && (byClause?.comments.some((comment) => /\bfrom userid\b/i.test(comment)) ?? false),
    unreadable: null,
  };
}

/** Groups the tokens before the date into clauses; a sentence when they do not form any. */
function readClauses(tokens: Token[]): { clauses: Map<string, Clause>; leading: string[] } | string {
  const clauses = new Map<string, Clause>();
  const leading: string[] = [];
  let current: Clause | null = null;
  for (const token of tokens) {
    if (token.kind === 'semicolon') continue;
    if (token.kind === 'comment') {
      (current ? current.comments : leading).push(token.text);
      continue;
    }
    const keyword = token.text.toLowerCase();
    if (CLAUSES.has(keyword)) {
      if (clauses.has(keyword)) return `It has two ${keyword} clauses.`;
      current = { words: [], comments: [] };
      clauses.set(keyword, current);
    } else if (current) {
      current.words.push(token.text);
    } else {
      return 'It begins with words that belong to no clause.';
    }
  }
  return { clauses, leading };
}

/** The single host a `from` or `by` clause names, or a sentence saying what is wrong with it. */
function oneHost(clause: Clause, name: 'from' | 'by'): { word: string; host: Host } | string {
  if (clause.words.length === 0) return `Its ${name} clause names no host.`;
  if (clause.words.length > 1) return `Its ${name} clause names more than one host.`;
  const word = clause.words[0]!;
  const host = readHost(word);
  return host ? { word, host } : `Its ${name} clause does not name a host or an address.`;
}

/**
 * The sender's address and checked names, from the TCP-info comment that follows the `from` host
 * (RFC 5321 §4.4: `from helo (reverse-name [address])`), in the shapes servers write it:
 * Postfix, Sendmail, Gmail and Exchange `(name [ip])` (Postfix writes `unknown` when the reverse
 * name does not confirm, Sendmail adds `(may be forged)`), Exchange `(2603:10a6:...)`, qmail
 * `(HELO x) (192.0.2.1)`, and Exim `([ip] helo=x)`, where the `from` word itself is the name Exim
 * verified.
 */
function readSender(from: { word: string; host: Host }, comments: string[]): { ip: string | null; names: string[]; tcpInfo: number } | string {
  const badAddress = "Its from clause gives the sender's address as something that is not an IP address.";
  for (let i = 0; i < comments.length; i++) {
    const comment = comments[i]!;
    const words = comment.trim().split(/\s+/);
    const first = words[0]!;
    if (first.startsWith('[')) {
      const close = first.indexOf(']');
      const literal = close === -1 ? null : readHost(first.slice(0, close + 1));
      const rest = close === -1 ? '' : first.slice(close + 1);
      if (!literal || literal.kind !== 'ip' || (rest !== '' && !/^:\d{1,5}$/.test(rest))) return badAddress;
      const exim = rest !== '' || words.slice(1).some((word) => /^(helo|ident|port)=/i.test(word));
      return { ip: literal.ip, names: exim && from.host.kind === 'name' ? [from.host.name] : [], tcpInfo: i };
    }
    const bare = readIp(first);
    if (bare) return { ip: bare, names: [], tcpInfo: i };
    const name = first.slice(first.lastIndexOf('@') + 1);
    if (isHostName(name) && words[1]?.startsWith('[')) {
      const literal = readHost(words[1]);
      if (!literal || literal.kind !== 'ip') return badAddress;
      const checked = name.toLowerCase() !== 'unknown' && !/may be forged/i.test(comment);
      return { ip: literal.ip, names: checked ? [normaliseName(name)] : [], tcpInfo: i };
    }
  }
  if (from.host.kind === 'ip') return { ip: from.host.ip, names: [], tcpInfo: -1 };
  return { ip: null, names: [from.host.name], tcpInfo: -1 };
}
