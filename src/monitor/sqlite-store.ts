import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StateError } from '../kernel/errors.js';
import { BufferedTx, STATE_SCHEMA_VERSION, type MonitorStore, type StoreBackend, type StoreWrite } from './store.js';

// better-sqlite3 is an optional peer dependency (a native module): loaded on first use, with a clear error when absent.
const require = createRequire(import.meta.url);

interface Statement {
  get(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  run(...args: unknown[]): unknown;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

function loadDriver(file: string): new (file: string, options?: object) => Database {
  try {
    return require('better-sqlite3') as new (file: string, options?: object) => Database;
  } catch (cause) {
    throw new StateError(
      file,
      `the SQLite driver better-sqlite3 could not be loaded (${(cause as Error).message}). Install it beside review-triage ("npm install better-sqlite3"; it ships prebuilt binaries for Node 20+ and builds from source otherwise), or pass another store: createMonitor({ store }).`,
      { cause },
    );
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hash (ns TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (ns, field)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS zset (key TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (key, member)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS zset_by_score ON zset (key, score, member);
`;

/** The application id in the SQLite header ("RTmn"), so another program's database is not taken for ours. */
const APPLICATION_ID = 0x52546d6e;

/**
 * Opens (or creates) a monitor state file. A file that is not a SQLite
 * database, is another application's database, or was written by a newer
 * schema version gives a StateError naming the file; nothing is changed in it.
 */
export function openSqliteStore(file: string): MonitorStore {
  const location = path.resolve(file);
  const Driver = loadDriver(location);
  const existed = fs.existsSync(location) && fs.statSync(location).size > 0;
  let db: Database;
  try {
    db = new Driver(location, { fileMustExist: false });
  } catch (cause) {
    throw new StateError(location, `cannot open it (${(cause as Error).message}).`, { cause });
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
    if (existed && appId !== APPLICATION_ID) {
      throw new StateError(location, tables.n === 0 ? 'it is not a review-triage state file (an empty or foreign SQLite file).' : 'it is a SQLite database of another application, not a review-triage state file.');
    }
    const integrity = db.pragma('quick_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new StateError(location, `the file is damaged (SQLite quick_check: ${integrity}). Restore it from a backup or start a new state file.`);
    if (existed) {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
      const version = row ? Number(row.value) : NaN;
      if (!Number.isInteger(version)) throw new StateError(location, 'the file has no schema version: it is damaged or was not written by review-triage.');
      if (version > STATE_SCHEMA_VERSION) {
        throw new StateError(location, `it was written by a newer review-triage (state schema ${version}; this version reads up to ${STATE_SCHEMA_VERSION}). Upgrade review-triage to read it.`);
      }
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(SCHEMA);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(STATE_SCHEMA_VERSION));
    }
    db.pragma('synchronous = NORMAL');
  } catch (cause) {
    db.close();
    if (cause instanceof StateError) throw cause;
    throw new StateError(location, `it is not a readable review-triage state file (${(cause as Error).message}).`, { cause });
  }
  return new SqliteStore(db, location);
}

class SqliteStore implements MonitorStore {
  readonly engine = 'sqlite';
  private readonly backend: StoreBackend;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    readonly location: string,
  ) {
    const hget = db.prepare('SELECT value FROM hash WHERE ns = ? AND field = ?');
    const hall = db.prepare('SELECT field, value FROM hash WHERE ns = ?');
    const zr = db.prepare('SELECT member, score FROM zset WHERE key = ? AND score >= ? AND score <= ? ORDER BY score, member');
    const hset = db.prepare('INSERT INTO hash (ns, field, value) VALUES (?, ?, ?) ON CONFLICT (ns, field) DO UPDATE SET value = excluded.value');
    const hdel = db.prepare('DELETE FROM hash WHERE ns = ? AND field = ?');
    const hincr = db.prepare("INSERT INTO hash (ns, field, value) VALUES (?, ?, CAST(? AS TEXT)) ON CONFLICT (ns, field) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER) AS TEXT)");
    const zadd = db.prepare('INSERT INTO zset (key, member, score) VALUES (?, ?, ?) ON CONFLICT (key, member) DO UPDATE SET score = excluded.score');
    const apply = db.transaction((writes: readonly StoreWrite[]) => {
      for (const w of writes) {
        if (w.op === 'hset') hset.run(w.ns, w.field, w.value);
        else if (w.op === 'hdel') hdel.run(w.ns, w.field);
        else if (w.op === 'hincr') hincr.run(w.ns, w.field, String(w.by));
        else zadd.run(w.key, w.member, w.score);
      }
    });
    this.backend = {
      hget: async (ns, field) => (hget.get(ns, field) as { value: string } | undefined)?.value ?? null,
      hmget: async (ns, fields) => fields.map((f) => (hget.get(ns, f) as { value: string } | undefined)?.value ?? null),
      hgetall: async (ns) => new Map((hall.all(ns) as Array<{ field: string; value: string }>).map((r) => [r.field, r.value])),
      zrange: async (key, min, max) => (zr.all(key, min, max) as Array<{ member: string; score: number }>).map((r) => [r.member, r.score]),
      commit: async (writes) => apply(writes),
    };
  }

  transaction<T>(fn: (tx: BufferedTx) => Promise<T>): Promise<T> {
    // One transaction at a time per store: a second waits for the first (reads must not see half a run).
    const run = this.busy.then(async () => {
      const tx = new BufferedTx(this.backend);
      const out = await fn(tx);
      await this.backend.commit(tx.writes);
      return out;
    });
    this.busy = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.busy;
    this.db.close();
  }
}
