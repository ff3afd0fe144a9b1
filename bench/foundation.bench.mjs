// Throughput of analyze() next to raw nodejieba.cut on the same texts, and
// linearity of per-review work on very long texts.
// Run: npm run build && node bench/foundation.bench.mjs
import { createRequire } from 'node:module';
import { createAnalyzer } from '../dist/index.js';
import { printTable, readDev, timeIt } from './lib.mjs';

const require = createRequire(import.meta.url);
const jieba = require('nodejieba');

const rows = readDev('zh_shopping_reviews.jsonl');
const analyzer = createAnalyzer();
const stageNames = analyzer.pipeline.names.join(' > ');

if (rows) {
  // Warm up (JIT, dictionaries, segmentation cache) on one slice, measure on texts not seen yet:
  // analyze() caches segmentations of short Chinese runs, and that must not be credited with repeats.
  const texts = rows.map((r) => r.text);
  const warm = texts.slice(0, 3000);
  const measured = texts.slice(3000, 23000);
  for (const t of warm) jieba.cut(t), analyzer.analyze(t);
  const chars = measured.reduce((n, t) => n + t.length, 0);
  const time = (fn) => {
    const t0 = performance.now();
    for (const t of measured) fn(t);
    return performance.now() - t0;
  };
  const tJieba = time((t) => jieba.cut(t)); // nodejieba's default cut, the call the segmenter makes
  const tAnalyze = time((t) => analyzer.analyze(t));
  const perSec = (ms) => Math.round((measured.length / ms) * 1000);
  printTable(`Throughput on ${measured.length} dev Chinese reviews (${(chars / measured.length).toFixed(0)} chars on average), one pass each`, ['what', 'ms', 'reviews/s', 'vs nodejieba.cut'], [
    ['raw nodejieba.cut', tJieba, perSec(tJieba), '100%'],
    [`analyze() [${stageNames}]`, tAnalyze, perSec(tAnalyze), `${((100 * tJieba) / tAnalyze).toFixed(0)}% (floor: 40%)`],
  ]);

  // Per stage: time of the pipeline cut after each stage, on the same texts (second pass, warm cache).
  const names = analyzer.pipeline.names;
  const stageRows = [];
  let previous = 0;
  for (let k = 1; k <= names.length; k++) {
    const partial = createAnalyzer();
    for (const n of names.slice(k)) partial.pipeline.remove(n);
    const ms = timeIt(() => measured.slice(0, 5000).forEach((t) => partial.analyze(t)), 2);
    stageRows.push([names[k - 1], ((ms - previous) * 1000) / 5000]);
    previous = ms;
  }
  printTable('Cost of each stage (µs per review, 5,000 reviews, warm)', ['stage', 'µs/review'], stageRows);
}

// Linearity: one review of growing size; time per character should stay flat.
const unit = '这件衣服质量很差，洗了一次就起球掉色，客服也不回复。The zipper broke after two days!! 😡 ';
const sizeRows = [];
for (const size of [128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024]) {
  const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const ms = timeIt(() => analyzer.analyze(text), 2);
  sizeRows.push([`${size / 1024} KiB chars`, ms, ((ms * 1e6) / size).toFixed(0)]);
}
printTable('One long review (time should grow linearly)', ['size', 'ms', 'ns/char'], sizeRows);
