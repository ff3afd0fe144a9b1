// The monitor (issue 16): a planted campaigns.mjs stream cut into days and folded one day per run
// must leave the same state as one run over every day (SQLite), and three worker processes sharing one
// Redis must leave the state of one process (when redis-server is on PATH). Also how the monitor's state
// compares with analyzeBatch over the same stream, and the run times (a shared machine: a rough guide).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAnalyzer, createMonitor, enqueueReviews, openRedisStore } from '../dist/index.js';
import { printTable, sharedToolsDir } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const tools = sharedToolsDir();
if (!tools || !fs.existsSync(path.join(tools, '..', 'data', 'dev', 'zh_shopping_reviews.jsonl'))) {
  console.log('(skipped: ../shared/tools/campaigns.mjs or the dev data not found)');
  process.exit(0);
}
const { build } = await import(pathToFileURL(path.join(tools, 'campaigns.mjs')).href);
const N = Number(process.env.MONITOR_BENCH_N ?? 3000);
const DAY = 86_400_000;
const rows = build({ n: N, campaigns: 12, ads: 60, seed: 11 }).map(({ truth: _t, ...r }) => r);
const at = (r) => Date.parse(typeof r.timestamp === 'number' ? new Date(r.timestamp * (r.timestamp < 1e12 ? 1000 : 1)).toISOString() : r.timestamp);
rows.sort((a, b) => at(a) - at(b));
const byDay = new Map();
for (const r of rows) {
  const d = Math.floor(at(r) / DAY);
  if (!byDay.has(d)) byDay.set(d, []);
  byDay.get(d).push(r);
}
const dayList = [...byDay.keys()].sort((a, b) => a - b);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-monitor-bench-'));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const differing = (a, b) => a.filter((x, i) => !same(x, b[i])).length;
/** JSON with each group id replaced by the group's first member: the monitor numbers groups as they form, analyzeBatch by first member. */
function renamed(value, groups) {
  const name = new Map(groups.map((g) => [g.id, `<group of ${g.members[0]}>`]));
  return JSON.parse(JSON.stringify(value).replace(/\bg\d+\b/g, (id) => name.get(id) ?? id));
}
const endOf = (d) => (d + 1) * DAY - 1;

try {
  let clock = 0;
  const daily = createMonitor({ store: path.join(tmp, 'daily.db'), now: () => clock });
  let t0 = performance.now();
  for (const d of dayList) {
    clock = endOf(d);
    await daily.run(byDay.get(d));
  }
  const dailyMs = performance.now() - t0;
  const sDaily = await daily.state();
  await daily.close();
  const once = createMonitor({ store: path.join(tmp, 'once.db'), now: () => clock });
  t0 = performance.now();
  await once.run(rows);
  const onceMs = performance.now() - t0;
  const sOnce = await once.state();
  await once.close();
  t0 = performance.now();
  const batch = createAnalyzer().analyzeBatch(rows);
  const batchMs = performance.now() - t0;

  printTable(
    `Monitor daily-run equivalence: ${rows.length} reviews of a campaigns.mjs stream (seed 11, 12 campaigns) over ${dayList.length} days, SQLite`,
    ['comparison', 'analyses differing', 'groups equal', 'alerts equal', 'queue equal', 'summary equal', 'time'],
    [
      [`${dayList.length} daily runs vs one run`, differing(sDaily.analyses, sOnce.analyses), same(sDaily.groups, sOnce.groups), same(sDaily.alerts, sOnce.alerts), same(sDaily.queue, sOnce.queue), same(sDaily.summary, sOnce.summary), `${(dailyMs / 1000).toFixed(1)} s vs ${(onceMs / 1000).toFixed(1)} s`],
      [
        'one monitor run vs analyzeBatch (group ids named by first member)',
        differing(renamed(sOnce.analyses, sOnce.groups), renamed(batch.items, batch.groups)),
        same(renamed(sOnce.groups, sOnce.groups), renamed(batch.groups, batch.groups)),
        same(renamed(sOnce.alerts, sOnce.groups), renamed(batch.alerts, batch.groups)),
        '-',
        '-',
        `${(onceMs / 1000).toFixed(1)} s vs ${(batchMs / 1000).toFixed(1)} s`,
      ],
    ],
  );
  console.log(`\n${sOnce.groups.length} groups (${sOnce.groups.filter((g) => g.burst).length} bursts), ${sOnce.alerts.length} alerts, ${sOnce.queue.length} queue items. Group ids: the monitor numbers groups as they form, analyzeBatch by first member; they agree when the two orders do.`);

  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.log('\n(Redis 3-worker equivalence skipped: redis-server not on PATH; apt-get install -y redis-server)');
  } else {
    const port = await new Promise((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmp], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => {
      let out = '';
      server.stdout.on('data', (b) => {
        out += b;
        if (out.includes('Ready to accept connections')) resolve();
      });
    });
    server.stdout.resume();
    try {
      const url = `redis://127.0.0.1:${port}`;
      const chunks = await enqueueReviews({ url, prefix: 'bench-jobs:' }, rows, 100);
      const env = { ...process.env, REDIS_URL: url, STATE_PREFIX: 'bench:', JOBS_PREFIX: 'bench-jobs:', NOW: String(clock) };
      t0 = performance.now();
      const stats = await Promise.all(
        [0, 1, 2].map(
          () =>
            new Promise((resolve, reject) => {
              const child = spawn(process.execPath, [path.join(here, 'monitor-worker.mjs')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
              let out = '';
              child.stdout.on('data', (b) => (out += b));
              child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited with ${code}`))));
            }),
        ),
      );
      const poolMs = performance.now() - t0;
      const pooled = createMonitor({ store: await openRedisStore({ url, prefix: 'bench:' }), now: () => clock });
      await pooled.finish();
      const sPool = await pooled.state();
      await pooled.close();
      printTable(
        `Redis 3-worker equivalence: the same ${rows.length} reviews in ${chunks} chunks, 3 worker processes on one redis-server, vs one process (SQLite)`,
        ['analyses differing', 'groups equal', 'alerts equal', 'queue equal', 'summary equal', 'chunks prepared per worker', 'time (3 workers, 2 cores)'],
        [[differing(sPool.analyses, sOnce.analyses), same(sPool.groups, sOnce.groups), same(sPool.alerts, sOnce.alerts), same(sPool.queue, sOnce.queue), same(sPool.summary, sOnce.summary), stats.map((s) => s.prepared).join(' / '), `${(poolMs / 1000).toFixed(1)} s`]],
      );
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
