// Shared helpers for the benchmark scripts (bench/*.bench.mjs). Each bench
// file runs on its own (`node bench/sentiment.bench.mjs`) after `npm run build`;
// bench/run.mjs runs them all.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');

/** ../shared/data/dev beside the repo (or $REVIEW_TRIAGE_SHARED/data/dev), or null when absent. */
export function devDataDir() {
  const shared = process.env.REVIEW_TRIAGE_SHARED ?? path.resolve(repoRoot, '..', 'shared');
  const dir = path.join(shared, 'data', 'dev');
  return fs.existsSync(dir) ? dir : null;
}

export function sharedToolsDir() {
  const shared = process.env.REVIEW_TRIAGE_SHARED ?? path.resolve(repoRoot, '..', 'shared');
  const dir = path.join(shared, 'tools');
  return fs.existsSync(dir) ? dir : null;
}

/** Rows of a dev JSONL file, or null (after printing why) when the data is absent. */
export function readDev(file) {
  const dir = devDataDir();
  if (!dir || !fs.existsSync(path.join(dir, file))) {
    console.log(`(skipped: ../shared/data/dev/${file} not found; set REVIEW_TRIAGE_SHARED to the shared folder)`);
    return null;
  }
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Prints a markdown table: columns is a list of header names, rows a list of arrays. */
export function printTable(title, columns, rows) {
  const fmt = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v));
  console.log(`\n### ${title}\n`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map(fmt).join(' | ')} |`);
}

/** Milliseconds taken by fn (best of `repeat` runs, after one warm-up). */
export function timeIt(fn, repeat = 3) {
  fn();
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export const pct = (x) => `${(100 * x).toFixed(1)}%`;
