// Negative-review classification (issue 4): nature and topics on the
// hand-labelled dev negatives, end-to-end numbers with the real sentiment
// stage, and the classify stage's own cost per review.
// Run alone after `npm run build`: node bench/classify.bench.mjs
import nodejieba from 'nodejieba';
import { createAnalyzer, NATURES, TOPICS } from '../dist/index.js';
import { NEGATIVE, SENTIMENT } from '../dist/extend.js';
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
forced.pipeline.add({ name: 'force-negative', run: (doc) => void doc.set(SENTIMENT, { label: 'negative', score: -0.8, confidence: 0.9, evidence: [] }) }, { before: 'classify' });
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
// (a) every doc forced negative: the cost per negative review;
// (b) a stream of shop reviews through the real pipeline: the stage skips non-negative docs.
function stageCost(name, docsToRun, texts) {
  const stage = docsToRun.stage;
  const ms = timeIt(() => {
    for (const doc of docsToRun.docs) stage.run(doc);
  }, 9);
  const jiebaMs = timeIt(() => {
    for (const t of texts) nodejieba.cut(t);
  }, 9);
  const avg = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  return [name, texts.length, avg.toFixed(0), (1000 * ms) / texts.length, (1000 * jiebaMs) / texts.length, pct(ms / jiebaMs)];
}
const speedRows = [stageCost('dev negatives, all forced negative', { stage: forced.pipeline.get('classify'), docs }, negatives.map((x) => x.text))];
const shop = readDev('zh_shopping_reviews.jsonl');
if (shop) {
  const sample = shop.filter((_, i) => i % 15 === 0).slice(0, 2000);
  const streamDocs = [];
  const streaming = createAnalyzer();
  streaming.pipeline.add({ name: 'keep-doc', run: (doc) => void streamDocs.push(doc) }, { after: 'classify' });
  for (const row of sample) streaming.analyze(row.text);
  const negShare = streamDocs.filter((d) => d.get(SENTIMENT).label === 'negative').length / streamDocs.length;
  // No nature labels here: how often the rare natures fire on ordinary complaints is a precision check.
  const classified = streamDocs.filter((d) => d.get(NEGATIVE));
  printTable(`Natures on ${classified.length} negative shop reviews (unlabelled; real pipeline)`, ['nature', 'share'], NATURES.map((n) => [n, pct(classified.filter((d) => d.get(NEGATIVE).nature === n).length / classified.length)]));
  speedRows.push(stageCost(`shop review stream (${pct(negShare)} negative)`, { stage: streaming.pipeline.get('classify'), docs: streamDocs }, sample.map((x) => x.text)));
}
printTable('Speed of the classify stage (best of 9; budget about 25% of nodejieba.cut per review)', ['texts', 'n', 'avg chars', 'classify µs/review', 'nodejieba.cut µs/review', 'classify / cut'], speedRows);
