// One worker process of bench/monitor.bench.mjs: REDIS_URL, STATE_PREFIX, JOBS_PREFIX and NOW from the environment.
import { createMonitor, openRedisStore, runMonitorWorker } from '../dist/index.js';

const url = process.env.REDIS_URL;
const now = Number(process.env.NOW);
const monitor = createMonitor({ store: await openRedisStore({ url, prefix: process.env.STATE_PREFIX }), now: () => now });
const stats = await runMonitorWorker({ url, prefix: process.env.JOBS_PREFIX, monitor, pollMs: 10 });
await monitor.close();
process.stdout.write(JSON.stringify(stats));
