/**
 * What a server may put among the answers to the first sync's FETCH (a scripted one on 127.0.0.1,
 * spoken to through the app's own IMAP session): a flag change of another message (RFC 3501
 * §7.4.2 allows it at any time), an answer without a UID, an answer whose fields do not parse.
 * Only messages are stored, and a broken one is kept with safe defaults rather than lost.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StoredMessage } from '../store/stored-message';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeTestAuthority } from '../testing/test-certificates';
import { ImapSession } from '../transport/imap-session';
import { fetchEnvelopes } from './fetch-envelopes';

const CAPABILITIES = 'IMAP4rev1 LITERAL+ ENABLE CONDSTORE';
const envelope = (subject: string) => `("Mon, 1 Jan 2024 10:00:00 +0000" "${subject}" (("Bob" NIL "bob" "example.test")) NIL NIL (("Alice" NIL "alice" "example.test")) NIL NIL NIL "<${subject}@example.test>")`;
const structure = '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL)';
const references = 'BODY[HEADER.FIELDS (REFERENCES)] {2}\r\n\r\n';

/** The answer to `FETCH 1:4`, a message between each oddity. */
const ANSWER = [
  `* 1 FETCH (UID 11 FLAGS (\\Seen) INTERNALDATE "01-Jan-2024 10:00:00 +0000" RFC822.SIZE 120 ENVELOPE ${envelope('first')} BODYSTRUCTURE ${structure} ${references})`,
  // Another client flagged message 7 meanwhile.
  '* 7 FETCH (UID 17 FLAGS (\\Flagged) MODSEQ (90))',
  // Nothing parses: no envelope, a structure too short, a date and a size that are not.
  `* 2 FETCH (UID 12 FLAGS () INTERNALDATE "yesterday" RFC822.SIZE many ENVELOPE NIL BODYSTRUCTURE ("text") MODSEQ (x) ${references})`,
  // No UID: nothing to store it under.
  `* 3 FETCH (FLAGS (\\Seen) ENVELOPE ${envelope('orphan')} BODYSTRUCTURE ${structure})`,
  `* 4 FETCH (UID 14 FLAGS (\\Answered) INTERNALDATE "01-Jan-2024 11:00:00 +0000" RFC822.SIZE 80 ENVELOPE ${envelope('last')} BODYSTRUCTURE ${structure} ${references})`,
].join('\r\n');

const authority = makeTestAuthority();
/** Whether the next FETCH is refused as Microsoft 365 refuses a client over its rate. */
let throttleNext = false;
let server: ScriptedServer;
let session: ImapSession;

beforeAll(async () => {
  server = await startScriptedServer({
    tls: authority.issue(),
    greeting: `* OK [CAPABILITY ${CAPABILITIES}] ready\r\n`,
    reply(line) {
      const [tag, command = ''] = line.split(' ');
      const upper = command.toUpperCase();
      if (upper === 'CAPABILITY') return `* CAPABILITY ${CAPABILITIES}\r\n${tag} OK\r\n`;
      if (upper === 'ENABLE') return `* ENABLED CONDSTORE\r\n${tag} OK\r\n`;
      if (upper === 'SELECT' || upper === 'EXAMINE') return `* 4 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 20] ok\r\n${tag} OK [READ-WRITE] selected\r\n`;
      if (upper === 'FETCH' && throttleNext) {
        throttleNext = false;
        return `${tag} BAD Request is throttled. Suggested Backoff Time: 20 milliseconds\r\n`;
      }
      if (upper === 'FETCH') return `${ANSWER}\r\n${tag} OK fetched\r\n`;
      if (upper === 'LOGOUT') return `* BYE\r\n${tag} OK\r\n`;
      return `${tag} OK\r\n`;
    },
  });
  session = new ImapSession({ host: '127.0.0.1', port: server.port }, { user: 'alice', pass: 'secret' }, { extraTrustAnchors: [authority.caPem] });
});

afterAll(async () => {
  await session.close();
  await server.close();
});

async function fetchAll(): Promise<StoredMessage[]> {
  const stored: StoredMessage[] = [];
  await session.withMailbox('INBOX', (client) => fetchEnvelopes(client, '1:4', { uid: false }, (message) => void stored.push(message)));
  return stored;
}

test('flag changes and answers without a UID are not stored; a broken answer is kept with safe defaults', async () => {
  const stored = await fetchAll();

  expect(stored.map((message) => message.uid)).toEqual([11, 12, 14]);
  expect(stored[0]).toMatchObject({ subject: 'first', seen: true, size: 120, from: { name: 'Bob', address: 'bob@example.test' } });
  expect(stored[1]).toMatchObject({ subject: '', from: null, to: [], size: 0, seen: false, hasAttachments: false, encrypted: false, modseq: null });
  expect(stored[1]!.date).toBe(new Date(0).toISOString());
  expect(stored[2]).toMatchObject({ subject: 'last', answered: true, date: '2024-01-01T10:00:00.000Z' });
});

test('a FETCH the server throttles is asked again after the wait it names, and every message comes', async () => {
  throttleNext = true;
  const before = server.received().length;
  const stored = await fetchAll();
  expect(stored.map((message) => message.uid)).toEqual([11, 12, 14]);
  expect(server.received().slice(before).match(/ FETCH 1:4 /g)).toHaveLength(2);
});
