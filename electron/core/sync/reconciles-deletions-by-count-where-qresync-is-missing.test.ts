/**
 * A server with CONDSTORE but without QRESYNC (a scripted one on 127.0.0.1, spoken to through the
 * app's own IMAP session): Sealmail never asks it for QRESYNC, and deletions made elsewhere are
 * still found, by the count that no longer adds up and the UID list compared then.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeTestAuthority } from '../testing/test-certificates';
import { ImapSession } from '../transport/imap-session';
import { syncFolder } from './sync-folder';
import { condstoreOnlyScript, expunge, fakeFolder, setFlags } from './testing/condstore-only-imap';

const authority = makeTestAuthority();
const folder = fakeFolder('Archive', 60);
let server: ScriptedServer;
let session: ImapSession;
let store: MailStore;

beforeAll(async () => {
  server = await startScriptedServer(condstoreOnlyScript(folder, authority.issue()));
  session = new ImapSession({ host: '127.0.0.1', port: server.port }, { user: 'alice', pass: 'secret' }, { extraTrustAnchors: [authority.caPem] });
  store = memoryStore();
});

afterAll(async () => {
  await session.close();
  await server.close();
});

const serverState = () => folder.messages.map((m) => ({ uid: m.uid, seen: m.flags.includes('\\Seen'), flagged: m.flags.includes('\\Flagged') }));

test('deletions and flag changes made elsewhere are reconciled without QRESYNC', async () => {
  expect(await syncFolder(session, store, 'acc', folder.path)).toMatchObject({ kind: 'initial', fetched: 60 });
  expect(store.flagList('acc', folder.path)).toEqual(serverState());

  expunge(folder, [4, 30, 31]);
  setFlags(folder, 10, ['\\Seen', '\\Flagged']);
  const before = server.received().length;

  const report = await syncFolder(session, store, 'acc', folder.path);
  expect(report).toMatchObject({ kind: 'incremental', removed: 3, flagChanges: 1 });
  expect(store.flagList('acc', folder.path)).toEqual(serverState());

  const wire = server.received();
  const sync = wire.slice(before);
  // The fallback: flags by CHANGEDSINCE, deletions by comparing the UID list.
  expect(sync).toMatch(/UID FETCH [^\r\n]*CHANGEDSINCE/);
  expect(sync).toMatch(/UID SEARCH ALL/);
  expect(wire).not.toMatch(/QRESYNC/i);
});
