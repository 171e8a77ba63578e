/** What a schema migration is: a version, a name for logs, and the SQL step that gets there. */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
