/**
 * A script for scripted-server.ts that plays an IMAP server with one folder, CONDSTORE (RFC 7162
 * §3.1) but no QRESYNC: far enough for imapflow and syncFolder (LOGIN, ENABLE, LIST, STATUS, SELECT,
 * CLOSE, UID SEARCH, FETCH, UID FETCH with CHANGEDSINCE, IDLE). The folder is plain data the test changes
 * between syncs, as another client would on a real server.
 */
import type { ScriptOptions } from '../../testing/scripted-server';

export interface FakeMessage {
  uid: number;
  flags: string[];
  modseq: number;
  subject: string;
}

export interface FakeFolder {
  path: string;
  uidValidity: number;
  uidNext: number;
  highestModseq: number;
  messages: FakeMessage[];
}

export function fakeFolder(path: string, count: number): FakeFolder {
  const messages = Array.from({ length: count }, (_, i) => ({ uid: i + 1, flags: i % 3 === 0 ? [] : ['\\Seen'], modseq: i + 1, subject: `Message ${i + 1}` }));
  return { path, uidValidity: 4242, uidNext: count + 1, highestModseq: count, messages };
}

/** What another client does: expunge these UIDs (the highest modseq moves, as on a real server). */
export function expunge(folder: FakeFolder, uids: readonly number[]): void {
  folder.messages = folder.messages.filter((m) => !uids.includes(m.uid));
  folder.highestModseq++;
}

export function setFlags(folder: FakeFolder, uid: number, flags: string[]): void {
  const message = folder.messages.find((m) => m.uid === uid);
  if (!message) return;
  message.flags = flags;
  message.modseq = ++folder.highestModseq;
}

const CAPABILITIES = 'IMAP4rev1 LITERAL+ ENABLE IDLE CONDSTORE UIDPLUS';

export function condstoreOnlyScript(folder: FakeFolder, tls: ScriptOptions['tls']): ScriptOptions {
  let idleTag: string | null = null;
  const quoted = `"${folder.path}"`;

  /** Members of a set of UIDs, or of sequence numbers when `highest` (the number of messages) is given. */
  const inSet = (set: string, highest?: number): ((n: number) => boolean) => {
    const max = highest ?? Math.max(folder.uidNext - 1, ...folder.messages.map((m) => m.uid));
    const ranges = set.split(',').map((part) => {
      const [a, b = a] = part.split(':').map((n) => (n === '*' ? max : Number(n)));
      return [Math.min(a!, b!), Math.max(a!, b!)] as const;
    });
    return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
  };

  const fetchLine = (message: FakeMessage, seq: number, full: boolean): string => {
    const base = `UID ${message.uid} FLAGS (${message.flags.join(' ')}) MODSEQ (${message.modseq})`;
    if (!full) return `* ${seq} FETCH (${base})\r\n`;
    const who = '(("Bob Example" NIL "bob" "example.test"))';
    const envelope = `("Mon, 1 Jan 2024 10:00:00 +0000" "${message.subject}" ${who} ${who} ${who} (("Alice" NIL "alice" "example.test")) NIL NIL NIL "<m${message.uid}@example.test>")`;
    const structure = '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL)';
    return `* ${seq} FETCH (${base} INTERNALDATE "01-Jan-2024 10:00:00 +0000" RFC822.SIZE 120 ENVELOPE ${envelope} BODYSTRUCTURE ${structure} BODY[HEADER.FIELDS (REFERENCES)] {2}\r\n\r\n)\r\n`;
  };

  return {
    tls,
    greeting: `* OK [CAPABILITY ${CAPABILITIES}] condstore-only ready\r\n`,
    reply(line) {
      if (idleTag && line.toUpperCase() === 'DONE') {
        const tag = idleTag;
        idleTag = null;
        return `${tag} OK idle done\r\n`;
      }
      const [tag, ...words] = line.split(' ');
      const rest = words.join(' ');
      const upper = rest.toUpperCase();
      if (upper.startsWith('CAPABILITY')) return `* CAPABILITY ${CAPABILITIES}\r\n${tag} OK\r\n`;
      if (upper.startsWith('LOGIN')) return `${tag} OK [CAPABILITY ${CAPABILITIES}] logged in\r\n`;
      if (upper.startsWith('ENABLE')) return `* ENABLED${/CONDSTORE/.test(upper) ? ' CONDSTORE' : ''}\r\n${tag} OK\r\n`;
      if (upper.startsWith('LIST')) return `* LIST (\\HasNoChildren) "." INBOX\r\n* LIST (\\HasNoChildren) "." ${quoted}\r\n${tag} OK\r\n`;
      if (upper.startsWith('STATUS')) {
        return `* STATUS ${quoted} (MESSAGES ${folder.messages.length} UIDNEXT ${folder.uidNext} UIDVALIDITY ${folder.uidValidity} HIGHESTMODSEQ ${folder.highestModseq})\r\n${tag} OK\r\n`;
      }
      if (upper.startsWith('SELECT') || upper.startsWith('EXAMINE')) {
        if (/QRESYNC/.test(upper)) return `${tag} BAD QRESYNC was not enabled\r\n`;
        return [
          '* FLAGS (\\Seen \\Flagged \\Answered \\Deleted \\Draft)\r\n',
          `* ${folder.messages.length} EXISTS\r\n`,
          `* OK [UIDVALIDITY ${folder.uidValidity}] ok\r\n`,
          `* OK [UIDNEXT ${folder.uidNext}] ok\r\n`,
          `* OK [HIGHESTMODSEQ ${folder.highestModseq}] ok\r\n`,
          `${tag} OK [READ-WRITE] selected\r\n`,
        ].join('');
      }
      if (upper.startsWith('UID SEARCH')) return `* SEARCH ${folder.messages.map((m) => m.uid).join(' ')}\r\n${tag} OK\r\n`;
      if (upper.startsWith('UID FETCH')) {
        const set = words[2] ?? '';
        const changedSince = /CHANGEDSINCE (\d+)/.exec(upper);
        const full = upper.includes('ENVELOPE');
        const wanted = inSet(set);
        const lines = folder.messages
          .map((message, i) => ({ message, seq: i + 1 }))
          .filter(({ message }) => wanted(message.uid) && (!changedSince || message.modseq > Number(changedSince[1])))
          .map(({ message, seq }) => fetchLine(message, seq, full));
        return `${lines.join('')}${tag} OK fetched\r\n`;
      }
      if (upper.startsWith('FETCH')) {
        const wanted = inSet(words[1] ?? '', folder.messages.length);
        const lines = folder.messages.map((message, i) => ({ message, seq: i + 1 })).filter(({ seq }) => wanted(seq));
        return `${lines.map(({ message, seq }) => fetchLine(message, seq, upper.includes('ENVELOPE'))).join('')}${tag} OK fetched\r\n`;
      }
      if (upper.startsWith('IDLE')) {
        idleTag = tag ?? null;
        return '+ idling\r\n';
      }
      if (upper.startsWith('LOGOUT')) return `* BYE\r\n${tag} OK bye\r\n`;
      return `${tag} OK\r\n`;
    },
  };
}
