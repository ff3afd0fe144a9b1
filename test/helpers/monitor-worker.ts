// One worker process of the Redis pool test: REDIS_URL, STATE_PREFIX, JOBS_PREFIX and NOW from the environment.
import { createMonitor, openRedisStore, runMonitorWorker } from '../../src/index.js';

const url = process.env.REDIS_URL!;
const now = Number(process.env.NOW);
const store = await openRedisStore({ url, prefix: process.env.STATE_PREFIX });
const monitor = createMonitor({ store, now: () => now });
const stats = await runMonitorWorker({ url, prefix: process.env.JOBS_PREFIX, monitor, pollMs: 10 });
await monitor.close();
process.stdout.write(JSON.stringify({ pid: process.pid, ...stats }) + '\n');
