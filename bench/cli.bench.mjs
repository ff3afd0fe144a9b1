// CLI throughput: what the command-line layer (reading lines, JSON/CSV
// parsing, validation, writing JSONL) costs next to the analysis itself.
// Runs in-process through main() with an injected analyzer, so the ~1-2 s of
// analyzer start-up is left out. Run: npm run build && node bench/cli.bench.mjs;
// REVIEW_TRIAGE_ROOT points at the repo when run from elsewhere.
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { readDev, printTable } = await import(pathToFileURL(path.join(root, 'bench', 'lib.mjs')).href);
const { createAnalyzer } = await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href);
const { main } = createRequire(import.meta.url)(path.join(root, 'dist', 'cli.cjs'));

const N = Number(process.env.CLI_BENCH_N ?? 3000);
const rows = readDev('zh_shopping_reviews.jsonl');
if (rows) {
  const reviews = rows.slice(0, N).map((r) => ({ id: r.id, text: r.text }));
  const jsonl = reviews.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const csv = 'id,text\n' + reviews.map((r) => `${r.id},"${r.text.replace(/"/g, '""')}"`).join('\n') + '\n';
  const analyzer = createAnalyzer();
  const noop = { analyze: (x) => ({ id: x.id, text: x.text }), analyzeBatch: (xs) => ({ items: xs.map((x) => ({ id: x.id, text: x.text })) }) };

  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  async function cli(args, input, a) {
    const t0 = performance.now();
    const code = await main(['analyze', '-', ...args], { stdin: Readable.from([input]), stdout: sink(), stderr: sink(), createAnalyzer: () => a });
    if (code !== 0) throw new Error(`exit ${code}`);
    return performance.now() - t0;
  }
  function library() {
    const t0 = performance.now();
    for (const r of reviews) JSON.stringify(analyzer.analyze(r));
    return performance.now() - t0;
  }
  const best = async (fn) => {
    await fn();
    let b = Infinity;
    for (let i = 0; i < 3; i++) b = Math.min(b, await fn());
    return b;
  };
  const us = (ms) => ((1000 * ms) / reviews.length).toFixed(1);
  const lib = await best(library);
  const table = [
    ['library: analyze() + JSON.stringify per review', lib],
    ['CLI --no-batch, JSONL in, JSONL out', await best(() => cli(['--no-batch'], jsonl, analyzer))],
    ['CLI --no-batch, CSV in, JSONL out', await best(() => cli(['--no-batch', '--input-format', 'csv'], csv, analyzer))],
    ['CLI batch (analyzeBatch), JSONL in, JSONL out', await best(() => cli([], jsonl, analyzer))],
    ['CLI layer alone (no-op analyzer), JSONL', await best(() => cli(['--no-batch'], jsonl, noop))],
    ['CLI layer alone (no-op analyzer), CSV', await best(() => cli(['--no-batch', '--input-format', 'csv'], csv, noop))],
  ];
  printTable(`CLI throughput (${reviews.length} Chinese reviews, in-process, best of 3)`, ['run', 'ms', 'us/review', 'x library'], table.map(([name, ms]) => [name, Math.round(ms), us(ms), (ms / lib).toFixed(2)]));
}
