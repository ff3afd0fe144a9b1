// Time per character of analyze() on crafted texts (issue 13) at 10k, 100k and 1M
// characters: linear code keeps the per-character cost flat across the three sizes
// (quadratic code would cost 10x and 100x more per character).
// Run: npm run build && node bench/pathological.bench.mjs
import { createAnalyzer, lintReply } from '../dist/index.js';
import { FAMILIES, REPLY_FAMILIES } from './pathological-families.mjs';
import { printTable } from './lib.mjs';

const SIZES = [10_000, 100_000, 1_000_000];
const analyzer = createAnalyzer();

/** Best of a few runs (fewer for the 1M texts, each of which takes a second or more). */
function bestMs(text, runs) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    analyzer.analyze({ text });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const rows = [];
for (const [name, gen] of Object.entries(FAMILIES)) {
  analyzer.analyze({ text: gen(10_000) }); // warm-up: compile the family's code path
  const perChar = SIZES.map((n) => (bestMs(gen(n), n >= 1_000_000 ? 1 : 3) * 1e6) / n);
  rows.push([name, ...perChar.map((ns) => Math.round(ns)), (perChar[2] / perChar[0]).toFixed(2)]);
}
printTable(
  'Pathological text: analyze() time per character (ns), best of 3 runs (1 at 1M)',
  ['family', 'ns/char at 10k', 'ns/char at 100k', 'ns/char at 1M', '1M / 10k'],
  rows,
);
console.log('\nFlat means linear: a ratio near 1 (below ~2 with JIT and GC noise); quadratic code gives ~100.');

// The reply compliance check (lintReply) on its own families and the analyzer's, same sizes.
const lintRows = [];
for (const [name, gen] of Object.entries({ ...REPLY_FAMILIES, ...FAMILIES })) {
  lintReply(gen(10_000)); // warm-up
  const perChar = SIZES.map((n) => {
    const text = gen(n);
    let best = Infinity;
    for (let i = 0; i < (n >= 1_000_000 ? 1 : 3); i++) {
      const t0 = performance.now();
      lintReply(text, { nature: 'genuine_complaint' });
      best = Math.min(best, performance.now() - t0);
    }
    return (best * 1e6) / n;
  });
  lintRows.push([name, ...perChar.map((ns) => Math.round(ns)), (perChar[2] / perChar[0]).toFixed(2)]);
}
printTable(
  'Pathological text: lintReply() time per character (ns), best of 3 runs (1 at 1M)',
  ['family', 'ns/char at 10k', 'ns/char at 100k', 'ns/char at 1M', '1M / 10k'],
  lintRows,
);
