/**
 * One cold start, in a process of its own, as app.start measures it (bundled by start-bench.ts).
 * `core`: load the core, create it on the profile and ask the contract for the inbox's first page;
 * `sqlite`: load better-sqlite3 alone, open the same store file and read that page with the same
 * query. The clock starts before either loads anything, after Node itself is up; prints
 * { ms, messages } on stdout.
 *
 *   node start-child.js core|sqlite PROFILE ACCOUNT FOLDER    (env SEALMAIL_BENCH_START: the core's settings)
 */
import { join } from 'node:path';

const PAGE = 100;
const [mode, profileDir, accountId, folder] = process.argv.slice(2) as [string, string, string, string];

const start = performance.now();
const messages = mode === 'sqlite' ? await pageFromSqlite() : await pageFromCore();
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, messages }));
process.exit(0);

async function pageFromSqlite(): Promise<number> {
  const [{ default: Database }, { SUMMARY_COLUMNS }, { STORE_FILE }] = await Promise.all([
    import('better-sqlite3'),
    import('../../electron/core/store/stored-message'),
    import('../../electron/core/store/open-database'),
  ]);
  const db = new Database(join(profileDir, STORE_FILE), { readonly: true, fileMustExist: true });
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM messages m WHERE m.account_id = ? AND m.folder = ? AND m.hidden = 0 ORDER BY m.date DESC, m.uid DESC LIMIT ? OFFSET 0`)
    .all(accountId, folder, PAGE);
  db.prepare('SELECT count(*) FROM messages WHERE account_id = ? AND folder = ? AND hidden = 0').pluck().get(accountId, folder);
  return rows.length;
}

async function pageFromCore(): Promise<number> {
  const { openCoreForStart } = await import('./core-for-start');
  const api = openCoreForStart(profileDir, JSON.parse(process.env.SEALMAIL_BENCH_START ?? '{}'));
  const page = await api.listMessages({ accountId, folder, offset: 0, limit: PAGE });
  if (!page.ok) throw new Error(`${page.error.code}: ${page.error.message}`);
  return page.value.messages.length;
}
