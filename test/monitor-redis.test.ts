import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, enqueueReviews, openRedisStore, StateError, STATE_SCHEMA_VERSION, type MonitorState } from '../src/index.js';
import { days, endOfDay } from './helpers/monitor-stream.js';
import { hasRedisServer, startRedis, type RedisServer } from './helpers/redis-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe.skipIf(!hasRedisServer)('monitor on Redis', () => {
  let redis: RedisServer;
  let dir: string;
  let sqliteDaily: MonitorState;
  beforeAll(async () => {
    redis = await startRedis();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-monitor-redis-'));
    let clock = 0;
    const m = createMonitor({ store: path.join(dir, 'daily.db'), now: () => clock });
    for (const [i, day] of days().entries()) {
      clock = endOfDay(i + 1);
      await m.run(day);
    }
    sqliteDaily = await m.state();
    await m.close();
  }, 120_000);
  afterAll(async () => {
    await redis?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a Redis-backed daily run equals the SQLite-backed one', async () => {
    let clock = 0;
    const m = createMonitor({ store: await openRedisStore({ url: redis.url, prefix: 'daily:' }), now: () => clock });
    for (const [i, day] of days().entries()) {
      clock = endOfDay(i + 1);
      await m.run(day);
    }
    const state = await m.state();
    await m.close();
    expect(state.analyses).toHaveLength(sqliteDaily.analyses.length);
    expect(state).toEqual(sqliteDaily);
  }, 120_000);

  it('three worker processes sharing one Redis give the state of one process on the same stream', async () => {
    const stream = days().flat();
    const chunks = await enqueueReviews({ url: redis.url, prefix: 'pool-jobs:' }, stream, 25);
    expect(chunks).toBe(Math.ceil(stream.length / 25));
    const now = endOfDay(10);
    const env = { ...process.env, REDIS_URL: redis.url, STATE_PREFIX: 'pool:', JOBS_PREFIX: 'pool-jobs:', NOW: String(now) };
    const runWorker = () =>
      new Promise<{ pid: number; prepared: number; folded: number }>((resolve, reject) => {
        const child = spawn(path.join(root, 'node_modules', '.bin', 'vite-node'), [path.join(root, 'test', 'helpers', 'monitor-worker.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (b: Buffer) => (out += b.toString()));
        child.stderr.on('data', (b: Buffer) => (err += b.toString()));
        child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`worker exited with ${code}: ${err}`))));
      });
    const stats = await Promise.all([runWorker(), runWorker(), runWorker()]);
    expect(stats.reduce((s, w) => s + w.prepared, 0)).toBeGreaterThanOrEqual(chunks);
    expect(stats.reduce((s, w) => s + w.folded, 0)).toBe(chunks);

    const pooled = createMonitor({ store: await openRedisStore({ url: redis.url, prefix: 'pool:' }), now: () => now });
    await pooled.finish();
    const merged = await pooled.state();
    await pooled.close();
    const single = createMonitor({ store: path.join(dir, 'single.db'), now: () => now });
    await single.run(stream);
    const expected = await single.state();
    await single.close();
    expect(merged.analyses).toHaveLength(stream.length);
    expect(merged).toEqual(expected);
  }, 180_000);

  it('a state written by a newer schema version is refused with the server and prefix named', async () => {
    const { Redis } = await import('ioredis');
    const c = new Redis(redis.url);
    await c.hset('future:h:meta', 'schema_version', String(STATE_SCHEMA_VERSION + 1));
    await c.quit();
    const err = await openRedisStore({ url: redis.url, prefix: 'future:' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateError);
    expect((err as StateError).message).toContain(redis.url);
    expect((err as StateError).message).toMatch(/newer review-triage/);
  });

  it('an unreachable server is a StateError, not a hang', async () => {
    const err = await openRedisStore({ url: 'redis://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateError);
  });
});
