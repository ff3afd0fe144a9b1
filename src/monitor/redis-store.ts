import { createRequire } from 'node:module';
import { StateError } from '../kernel/errors.js';
import { BufferedTx, STATE_SCHEMA_VERSION, type MonitorStore, type StoreBackend, type StoreTx, type StoreWrite } from './store.js';

// ioredis is an optional peer dependency: loaded on first use, with a clear error when absent.
const require = createRequire(import.meta.url);

/** The part of an ioredis client the store uses. */
interface RedisClient {
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  status: string;
  on(event: 'error', fn: (e: Error) => void): unknown;
  watch(key: string): Promise<unknown>;
  unwatch(): Promise<unknown>;
  hget(key: string, field: string): Promise<string | null>;
  hmget(key: string, ...fields: string[]): Promise<Array<string | null>>;
  hgetall(key: string): Promise<Record<string, string>>;
  hsetnx(key: string, field: string, value: string): Promise<number>;
  zrangebyscore(key: string, min: number, max: number, withScores: 'WITHSCORES'): Promise<string[]>;
  multi(): RedisMulti;
}
interface RedisMulti {
  hset(key: string, field: string, value: string): RedisMulti;
  hdel(key: string, field: string): RedisMulti;
  hincrby(key: string, field: string, by: number): RedisMulti;
  zadd(key: string, score: number, member: string): RedisMulti;
  exec(): Promise<Array<[Error | null, unknown]> | null>;
}

export interface RedisStoreOptions {
  /** `redis://host:port/db` (default redis://127.0.0.1:6379). */
  url?: string;
  /** Key prefix, so several monitors share one server (default `rt:`). */
  prefix?: string;
  /** Attempts of a transaction that another process's commit overtook (default 50). */
  retries?: number;
}

/** Another process committed to the same state between this transaction's reads and its commit. */
class Overtaken extends Error {}

/**
 * Opens a monitor state on a Redis server. Each namespace is a Redis hash
 * (`<prefix>h:<ns>`: reviews, groups, signatures, buckets, day counters
 * through HINCRBY), each post series a sorted set by time (`<prefix>z:<key>`).
 * A transaction WATCHes the state's `meta` hash and commits in one MULTI, so
 * processes sharing the state never interleave half-runs: one that was
 * overtaken re-reads and tries again.
 */
export async function openRedisStore(options: RedisStoreOptions = {}): Promise<MonitorStore> {
  const url = options.url ?? 'redis://127.0.0.1:6379';
  const prefix = options.prefix ?? 'rt:';
  const location = `${url} (prefix ${prefix})`;
  let Redis: new (url: string, opts: object) => RedisClient;
  try {
    const mod = require('ioredis') as { default?: unknown; Redis?: unknown };
    Redis = (mod.Redis ?? mod.default ?? mod) as typeof Redis;
  } catch (cause) {
    throw new StateError(location, `the Redis client ioredis could not be loaded (${(cause as Error).message}). Install it beside review-triage ("npm install ioredis").`, { cause });
  }
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, retryStrategy: (n: number) => (n > 5 ? null : 100 * n) });
  client.on('error', () => undefined); // connection errors reach the caller through the failed command
  try {
    await client.connect();
  } catch (cause) {
    client.disconnect();
    throw new StateError(location, `cannot connect (${(cause as Error).message}).`, { cause });
  }
  const meta = `${prefix}h:meta`;
  await client.hsetnx(meta, 'schema_version', String(STATE_SCHEMA_VERSION));
  const version = Number(await client.hget(meta, 'schema_version'));
  if (!Number.isInteger(version)) {
    client.disconnect();
    throw new StateError(location, 'the schema_version in its meta hash is not a number: the keys under this prefix were not written by review-triage.');
  }
  if (version > STATE_SCHEMA_VERSION) {
    client.disconnect();
    throw new StateError(location, `it was written by a newer review-triage (state schema ${version}; this version reads up to ${STATE_SCHEMA_VERSION}). Upgrade review-triage to read it.`);
  }
  return new RedisStore(client, prefix, location, options.retries ?? 50);
}

class RedisStore implements MonitorStore {
  readonly engine = 'redis';
  private readonly backend: StoreBackend;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    readonly location: string,
    private readonly retries: number,
  ) {
    const h = (ns: string) => `${prefix}h:${ns}`;
    const z = (key: string) => `${prefix}z:${key}`;
    this.backend = {
      hget: (ns, field) => client.hget(h(ns), field),
      hmget: (ns, fields) => client.hmget(h(ns), ...fields),
      hgetall: async (ns) => new Map(Object.entries(await client.hgetall(h(ns)))),
      zrange: async (key, min, max) => {
        const flat = await client.zrangebyscore(z(key), min, max, 'WITHSCORES');
        const out: Array<[string, number]> = [];
        for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
        return out;
      },
      commit: async (writes: readonly StoreWrite[]) => {
        if (writes.length === 0) {
          await client.unwatch(); // a read-only transaction commits nothing (and must not overtake the others)
          return;
        }
        const m = client.multi();
        for (const w of writes) {
          if (w.op === 'hset') m.hset(h(w.ns), w.field, w.value);
          else if (w.op === 'hdel') m.hdel(h(w.ns), w.field);
          else if (w.op === 'hincr') m.hincrby(h(w.ns), w.field, w.by);
          else m.zadd(z(w.key), w.score, w.member);
        }
        m.hincrby(h('meta'), 'commits', 1); // every commit touches meta, which the others WATCH
        const res = await m.exec();
        if (res === null) throw new Overtaken();
        const failed = res.find(([e]) => e);
        if (failed) throw new StateError(location, `a write failed (${failed[0]!.message}).`);
      },
    };
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const run = this.busy.then(async () => {
      for (let attempt = 0; ; attempt++) {
        await this.client.watch(`${this.prefix}h:meta`);
        try {
          const tx = new BufferedTx(this.backend);
          const out = await fn(tx);
          await this.backend.commit(tx.writes);
          return out;
        } catch (e) {
          if (!(e instanceof Overtaken) || attempt >= this.retries) {
            await this.client.unwatch().catch(() => undefined);
            if (e instanceof Overtaken) throw new StateError(this.location, `gave up after ${attempt + 1} attempts: other processes kept committing first.`);
            throw e;
          }
          await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
        }
      }
    });
    this.busy = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.busy;
    if (this.client.status !== 'end') await this.client.quit().catch(() => this.client.disconnect());
  }
}
