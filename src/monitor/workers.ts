import { createRequire } from 'node:module';
import { StateError } from '../kernel/errors.js';
import type { ReviewInput } from '../kernel/review.js';
import type { Prepared } from './engine.js';
import type { Monitor } from './monitor.js';

const require = createRequire(import.meta.url);

/** The part of an ioredis client the job queue uses. */
interface QueueClient {
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  rpush(key: string, ...values: string[]): Promise<number>;
  lpop(key: string): Promise<string | null>;
  hset(key: string, field: string, value: string): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hdel(key: string, field: string): Promise<number>;
  hsetnx(key: string, field: string, value: string): Promise<number>;
  set(key: string, value: string, ...args: Array<string | number>): Promise<unknown>;
  del(key: string): Promise<number>;
  on(event: 'error', fn: (e: Error) => void): unknown;
  get(key: string): Promise<string | null>;
}

export interface ReviewJobsOptions {
  /** `redis://host:port/db` of the shared server. */
  url: string;
  /** Key prefix of the stream's jobs (default `rt:jobs:`); the state's prefix is the store's. */
  prefix?: string;
}

async function connect(url: string): Promise<QueueClient> {
  let Redis: new (url: string, opts: object) => QueueClient;
  try {
    const mod = require('ioredis') as { Redis?: unknown; default?: unknown };
    Redis = (mod.Redis ?? mod.default ?? mod) as typeof Redis;
  } catch (cause) {
    throw new StateError(url, `the Redis client ioredis could not be loaded (${(cause as Error).message}). Install it ("npm install ioredis").`, { cause });
  }
  const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, retryStrategy: (n: number) => (n > 5 ? null : 100 * n) });
  c.on('error', () => undefined); // connection errors reach the caller through the failed command
  try {
    await c.connect();
  } catch (cause) {
    c.disconnect();
    throw new StateError(url, `cannot connect (${(cause as Error).message}).`, { cause });
  }
  return c;
}

/**
 * Puts a stream of reviews on a shared Redis as numbered chunks: the chunk
 * itself in a hash (kept until it is folded, so a worker that dies with it
 * loses nothing) and its number on a list the workers pop. Returns the number
 * of chunks. Numbering continues from earlier enqueued streams.
 */
export async function enqueueReviews(options: ReviewJobsOptions, inputs: Iterable<string | ReviewInput>, chunkSize = 500): Promise<number> {
  const p = options.prefix ?? 'rt:jobs:';
  const c = await connect(options.url);
  try {
    let index = Number((await c.get(`${p}total`)) ?? 0);
    const first = index;
    let chunk: Array<string | ReviewInput> = [];
    const flush = async () => {
      await c.hset(`${p}chunks`, String(index), JSON.stringify(chunk));
      await c.rpush(`${p}list`, String(index));
      index++;
      chunk = [];
    };
    for (const input of inputs) {
      chunk.push(input);
      if (chunk.length >= chunkSize) await flush();
    }
    if (chunk.length) await flush();
    await c.set(`${p}total`, String(index));
    return index - first;
  } finally {
    await c.quit().catch(() => c.disconnect());
  }
}

export interface WorkerOptions extends ReviewJobsOptions {
  /** The monitor whose state the chunks are folded into (its store is shared by every worker). */
  monitor: Monitor;
  /** How long the next chunk may sit unprepared (its worker may have died) before this worker prepares it itself. */
  staleMs?: number;
  /** How long a worker may hold the fold lock without renewing it (it renews after every chunk). */
  lockMs?: number;
  /** Poll interval while waiting for other workers. */
  pollMs?: number;
}

/**
 * One worker of a pool sharing a stream on Redis: takes chunks and runs the
 * per-review stages on them (the costly part, in parallel across workers and
 * machines), then folds every prepared chunk that is next in order into the
 * shared state (cheap, and in stream order, so the state equals one process's
 * fold of the whole stream). Returns when every enqueued chunk is folded.
 */
export async function runMonitorWorker(o: WorkerOptions): Promise<{ prepared: number; folded: number }> {
  const p = o.prefix ?? 'rt:jobs:';
  const c = await connect(o.url);
  const stale = o.staleMs ?? 30_000;
  const poll = o.pollMs ?? 20;
  const lockMs = o.lockMs ?? 60_000;
  const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  let prepared = 0;
  let folded = 0;
  const prepare = async (index: string): Promise<boolean> => {
    const raw = await c.hget(`${p}chunks`, index);
    if (raw === null) return false; // already folded
    const out = o.monitor.prepare(JSON.parse(raw) as Array<string | ReviewInput>);
    await c.hset(`${p}prepared`, index, JSON.stringify(out));
    prepared++;
    return true;
  };
  try {
    let waitingSince = Date.now();
    let waitingFor = -1;
    for (;;) {
      // Fold whatever is ready, in order. One worker folds at a time (a lock, so the others keep preparing
      // instead of folding the same chunk); the state's own transactions keep it right if the lock expires.
      if (await c.set(`${p}fold-lock`, token, 'PX', lockMs, 'NX')) {
        try {
          for (;;) {
            const next = await o.monitor.nextChunk();
            const raw = await c.hget(`${p}prepared`, String(next));
            if (raw === null) break;
            const r = await o.monitor.foldChunk(next, JSON.parse(raw) as Prepared[]);
            if (r) folded++;
            await c.hdel(`${p}prepared`, String(next));
            await c.hdel(`${p}chunks`, String(next));
            await c.set(`${p}fold-lock`, token, 'PX', lockMs);
          }
        } finally {
          if ((await c.get(`${p}fold-lock`)) === token) await c.del(`${p}fold-lock`);
        }
      }
      const next = await o.monitor.nextChunk();
      const total = Number((await c.get(`${p}total`)) ?? 0);
      if (next >= total) return { prepared, folded };
      const job = await c.lpop(`${p}list`);
      if (job !== null) {
        await prepare(job);
        continue;
      }
      // Nothing to take: wait for the others, and take over a chunk that stays unprepared too long.
      if (waitingFor !== next) {
        waitingFor = next;
        waitingSince = Date.now();
      } else if (Date.now() - waitingSince > stale && (await c.hget(`${p}prepared`, String(next))) === null) {
        await prepare(String(next));
        waitingSince = Date.now();
      }
      await new Promise((r) => setTimeout(r, poll));
    }
  } finally {
    await c.quit().catch(() => c.disconnect());
  }
}
