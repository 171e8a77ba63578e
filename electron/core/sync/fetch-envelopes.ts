/**
 * The FETCH that brings envelopes into the store, read straight from imapflow's parser into
 * StoredMessages.
 *
 * imapflow's public fetch() turns every answer into a general-purpose message object: it names
 * each field by recompiling its token to text, hashes an id for it, and hands it over through a
 * promise and a generator step. For a first sync of 50,000 messages that is over a third of the
 * main thread's time, spent on things the store never reads. Here the command is sent through
 * imapflow itself (same connection, same lock, same tokenizer, same envelope and structure
 * parsers), and each answer goes to `toStoredMessage` with only the fields it reads.
 *
 * ImapFlow.exec is internal to imapflow. package.json pins imapflow's exact version, a test
 * compares every field with fetch() against Dovecot, and a client without exec gets fetch(), as
 * does a FETCH the server throttles (fetch() knows how to wait and retry).
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { ImapAttributeNode, ImapResponse } from 'imapflow/lib/handler/types';
import { getStringList, getStringValue, MAX_UINT32_DIGITS, parseBigIntValue, parseBodystructure, parseEnvelope, parseUintValue } from 'imapflow/lib/tools';
import type { StoredMessage } from '../store/stored-message';
import { ENVELOPE_QUERY, toStoredMessage } from './to-stored-message';

/** Called for each message; a promise holds the next answer back until it settles (backpressure). */
export type EnvelopeSink = (message: StoredMessage) => void | Promise<void>;

/** The part of ImapFlow that fetch() itself uses to send a command and route its untagged answers. */
interface CommandChannel {
  exec(
    command: string,
    attributes: unknown[],
    options: { untagged: Record<string, (response: ImapResponse) => void | Promise<void>> },
  ): Promise<{ next(): void }>;
  /** Set while an IDLE runs: ends it (DONE). imapflow's own commands call it first. */
  preCheck?: (() => Promise<void>) | false;
}

const atom = (value: string) => ({ type: 'ATOM', value });

/**
 * imapflow hands over the answers of one socket read in a chain of microtasks, which nothing else
 * in the main process can interrupt: on a fast link that chain can last most of a second. The
 * FETCH therefore steps back to the event loop after this much parsing, so a search, a click or a
 * page the window asks for meanwhile is answered within a frame.
 */
const YIELD_EVERY_MS = 8;
const toTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Fetches ENVELOPE_QUERY's fields for `set` (sequence numbers, or UIDs with `uid`) in the selected
 * mailbox and gives each message to `sink` in the order the server sends them. A failure of `sink`
 * stops the conversions, lets the command finish (the connection stays usable) and is thrown.
 * Called with the mailbox lock held (withMailbox), as fetch() is.
 */
export async function fetchEnvelopes(client: ImapFlow, set: string, options: { uid: boolean }, sink: EnvelopeSink): Promise<void> {
  const channel = client as unknown as Partial<CommandChannel>;
  if (typeof channel.exec !== 'function') return fetchThroughImapflow(client, set, options, sink);
  // An IDLE in progress is ended first, as imapflow does before each of its own commands; the
  // FETCH would otherwise wait behind it. Taking the lock of the folder already selected sends
  // nothing, and while the lock is held imapflow starts no new IDLE.
  if (typeof channel.preCheck === 'function') await channel.preCheck.call(client);
  let failure: { error: unknown } | null = null;
  let delivered = 0;
  let since = performance.now();
  const turnTaken = () => {
    since = performance.now();
  };
  const fail = (error: unknown) => {
    failure ??= { error };
  };
  let response: { next(): void };
  try {
    response = await channel.exec.call(client, options.uid ? 'UID FETCH' : 'FETCH', [{ type: 'SEQUENCE', value: set }, envelopeItems(client)], {
      untagged: {
        FETCH: (answer) => {
          if (failure) return;
          const message = messageOf(answer);
          if (!answersTheQuery(message)) return;
          delivered++;
          let pending: void | Promise<void> = undefined;
          try {
            pending = sink(toStoredMessage(message));
          } catch (error) {
            fail(error);
          }
          const late = performance.now() - since >= YIELD_EVERY_MS;
          if (!pending && !late) return;
          return (async () => {
            if (pending) await pending.catch(fail);
            if (late) {
              await toTheEventLoop();
              turnTaken();
            }
          })();
        },
      },
    });
  } catch (error) {
    // A throttled server (Microsoft 365 answers BAD "Request is throttled") refuses before sending
    // anything; fetch() waits as long as it asks and tries again, as it would have done alone.
    if (delivered === 0 && (error as { code?: unknown }).code === 'ETHROTTLE') return fetchThroughImapflow(client, set, options, sink);
    throw error;
  }
  response.next();
  if (failure) throw (failure as { error: unknown }).error;
}

async function fetchThroughImapflow(client: ImapFlow, set: string, options: { uid: boolean }, sink: EnvelopeSink): Promise<void> {
  for await (const message of client.fetch(set, ENVELOPE_QUERY, options)) if (answersTheQuery(message)) await sink(toStoredMessage(message));
}

/**
 * Whether a FETCH answer is one of the messages asked for. Without a UID it cannot be stored; one
 * with nothing but flags is a change to some message the server may report at any time (RFC 3501
 * §7.4.2), not an answer; the next sync brings it (CHANGEDSINCE or QRESYNC), as with fetch().
 */
function answersTheQuery(message: Partial<FetchMessageObject>): message is FetchMessageObject {
  return !!message.uid && (message.envelope !== undefined || message.bodyStructure !== undefined || message.internalDate !== undefined || message.size !== undefined);
}

/** The items fetch() would ask for ENVELOPE_QUERY, in its order; MODSEQ only where CONDSTORE is on. */
function envelopeItems(client: ImapFlow): unknown[] {
  const items: unknown[] = [atom('UID'), atom('FLAGS'), atom('BODYSTRUCTURE'), atom('ENVELOPE'), atom('INTERNALDATE'), atom('RFC822.SIZE')];
  const mailbox = client.mailbox;
  if (client.enabled.has('CONDSTORE') && mailbox && !mailbox.noModseq) items.push(atom('MODSEQ'));
  items.push({ type: 'ATOM', value: 'BODY.PEEK', section: [atom('HEADER.FIELDS'), (ENVELOPE_QUERY.headers as string[]).map((name) => atom(name.toUpperCase()))] });
  return items;
}

/**
 * The fields of one FETCH answer, read as fetch() reads them. A field that does not parse is left
 * out, so toStoredMessage gives its safe default instead of losing the message.
 */
function messageOf(answer: ImapResponse): Partial<FetchMessageObject> {
  const message: Partial<FetchMessageObject> = { seq: parseUintValue(answer.command, MAX_UINT32_DIGITS) || 0 };
  const attributes = answer.attributes?.[1];
  if (!Array.isArray(attributes)) return message;
  for (let i = 0; i + 1 < attributes.length; i += 2) {
    const name = (attributes[i] as ImapAttributeNode | undefined)?.value;
    const value = attributes[i + 1];
    if (typeof name !== 'string') continue;
    try {
      switch (name.toUpperCase()) {
        case 'UID':
          message.uid = parseUintValue(getStringValue(value), MAX_UINT32_DIGITS) || undefined;
          break;
        case 'FLAGS':
          message.flags = new Set(getStringList(value));
          break;
        case 'ENVELOPE':
          if (Array.isArray(value)) message.envelope = parseEnvelope(value);
          break;
        case 'BODYSTRUCTURE':
          if (Array.isArray(value)) message.bodyStructure = parseBodystructure(value);
          break;
        case 'INTERNALDATE': {
          const text = getStringValue(value);
          const date = new Date(text ?? '');
          if (text !== undefined) message.internalDate = Number.isNaN(date.getTime()) ? text : date;
          break;
        }
        case 'RFC822.SIZE':
          message.size = parseUintValue(getStringValue(value)) || 0;
          break;
        case 'MODSEQ': {
          const modseq = parseBigIntValue(getStringList(value)[0]);
          if (modseq !== false) message.modseq = modseq;
          break;
        }
        case 'BODY': {
          // BODY[HEADER.FIELDS (REFERENCES)]: a literal, or a quoted string from some servers.
          const text = (value as ImapAttributeNode | undefined)?.value;
          if (Buffer.isBuffer(text)) message.headers = text;
          else if (typeof text === 'string') message.headers = Buffer.from(text);
          break;
        }
      }
    } catch {
      // A malformed field: toStoredMessage fills in its default.
    }
  }
  return message;
}
