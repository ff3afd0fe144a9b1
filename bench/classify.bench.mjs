// Negative-review classification (issue 4): nature and topics on the
// hand-labelled dev negatives, end-to-end numbers with the real sentiment
// stage, and the classify stage's own cost per review.
// Run alone after `npm run build`: node bench/classify.bench.mjs
import nodejieba from 'nodejieba';
import { createAnalyzer, NATURES, TOPICS } from '../dist/index.js';
import { pct, printTable, readDev, timeIt } from './lib.mjs';

const rows = readDev('zh_negative_types.jsonl');
if (!rows) process.exit(0);
const negatives = rows.filter((r) => r.sentiment === 'negative');

/** Nature accuracy, per-nature P/R and per-topic P/R/F1 over (gold row, prediction) pairs. */
function score(pairs) {
  const nature = Object.fromEntries(NATURES.map((n) => [n, { tp: 0, fp: 0, fn: 0 }]));
  const topic = Object.fromEntries(TOPICS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  let natureOk = 0;
  for (const [row, pred] of pairs) {
    if (pred.nature === row.nature) {
      natureOk++;
      nature[row.nature].tp++;
    } else {
      nature[pred.nature].fp++;
      if (nature[row.nature]) nature[row.nature].fn++;
    }
    const gold = new Set(row.topics);
    for (const t of pred.topics) gold.has(t) ? topic[t].tp++ : topic[t].fp++;
    for (const t of gold) if (!pred.topics.includes(t)) topic[t].fn++;
  }
  const micro = Object.values(topic).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { natureAcc: natureOk / pairs.length, nature, topic, microF1: f1(micro) };
}
const p = (c) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0);
const r = (c) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0);
const f1 = (c) => (2 * c.tp + c.fp + c.fn ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0);

// 1. Classification given the gold negative label (sentiment overridden).
const forced = createAnalyzer();
forced.pipeline.add({ name: 'force-negative', run: (doc) => void (doc.sentiment = { label: 'negative', score: -0.8, confidence: 0.9, evidence: [] }) }, { before: 'classify' });
const docs = [];
forced.pipeline.add({ name: 'keep-doc', run: (doc) => void docs.push(doc) }, { after: 'classify' });
const gold = score(negatives.map((row) => [row, forced.analyze(row.text).negative]));

printTable(`Nature, given the gold negative (${negatives.length} dev reviews)`, ['nature', 'gold', 'precision', 'recall', 'target'], [
  ...NATURES.map((n) => [n, negatives.filter((x) => x.nature === n).length, p(gold.nature[n]), r(gold.nature[n]), n === 'genuine_complaint' ? '' : 'P, R >= 0.6']),
  ['**accuracy**', negatives.length, '', pct(gold.natureAcc), '>= 93%'],
]);
printTable('Topics, given the gold negative', ['topic', 'gold', 'precision', 'recall', 'F1'], [
  ...TOPICS.map((t) => [t, negatives.filter((x) => x.topics.includes(t)).length, p(gold.topic[t]), r(gold.topic[t]), f1(gold.topic[t])]),
  ['**micro-F1** (target >= 0.85; annotators agree at 0.93)', '', '', '', gold.microF1],
]);

// 2. End to end with the real sentiment stage.
const real = createAnalyzer();
const flagged = [];
let falseAlarms = 0;
for (const row of rows) {
  const a = real.analyze(row.text);
  if (row.sentiment === 'negative' && a.negative) flagged.push([row, a.negative]);
  if (row.sentiment !== 'negative' && a.negative) falseAlarms++;
}
const e2e = score(flagged);
printTable('End to end (real sentiment stage, all 320 dev rows)', ['measure', 'value'], [
  ['gold negatives classified (sentiment said negative)', `${flagged.length} / ${negatives.length} (${pct(flagged.length / negatives.length)})`],
  ['non-negative rows given a negative result', `${falseAlarms} / ${rows.length - negatives.length}`],
  ['nature accuracy on the classified negatives', pct(e2e.natureAcc)],
  ['topic micro-F1 on the classified negatives', e2e.microF1],
]);

// 3. Cost: the classify stage alone on prepared docs, against nodejieba.cut on the same texts.
const stage = forced.pipeline.get('classify');
const n = docs.length;
const stageMs = timeIt(() => {
  for (const doc of docs) stage.run(doc);
}, 5);
const texts = negatives.map((x) => x.text);
const jiebaMs = timeIt(() => {
  for (const t of texts) nodejieba.cut(t);
}, 5);
const avgChars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
printTable(`Speed (${n} dev negatives, avg ${avgChars.toFixed(0)} chars; best of 5)`, ['what', 'µs / review', 'share of nodejieba.cut', 'budget'], [
  ['classify stage (negative docs only)', (1000 * stageMs) / n, pct(stageMs / jiebaMs), '<= 25%'],
  ['nodejieba.cut', (1000 * jiebaMs) / n, '100%', ''],
]);
