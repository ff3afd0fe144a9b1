// Trains the sentiment stage's logistic-regression weights from the dev data
// and writes data/models/sentiment.json.
//
//   npm run train:sentiment                 (train on the 80% split, write the model)
//   node scripts/train-sentiment.mjs --loco (also: leave-one-category-out check, no write)
//
// Reads ../shared/data/dev/zh_shopping_reviews.jsonl and en_yelp.jsonl (or
// $REVIEW_TRIAGE_SHARED/data/dev). Rows whose id hashes into the held-out
// 20% (scripts/lib/split.mjs) are never trained on; the accuracy printed at
// the end is on them. Features come from src/sentiment/features.ts (through scripts/lib/sentiment-featurizer.ts),
// compiled here with esbuild so training and the stage share one code path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isHeldOut } from './lib/split.mjs';
import { loadFeaturizer } from './lib/featurizer.mjs';
import { devDataDir, readJsonl, shuffle } from './lib/training.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = new Set(process.argv.slice(2));

// Hyper-parameters (environment variables override them for tuning runs).
const env = (name, fallback) => (process.env[name] !== undefined ? Number(process.env[name]) : fallback);
const HASH_BITS = env('SENT_HASH_BITS', 18);
const EPOCHS = env('SENT_EPOCHS', 12);
const LEARNING_RATE = env('SENT_LR', 0.2);
const L2 = env('SENT_L2', 2e-6); // per update, on the sparse weights only
const DENSE_L2 = 1e-7;
/** English rows are ~3% of the data; weigh them up so the English half of the model learns. */
const ENGLISH_WEIGHT = env('SENT_EN_WEIGHT', 3);
/** Sparse weights smaller than this are dropped from the shipped file. */
const PRUNE = env('SENT_PRUNE', 0.06);
const SCALE = 1000;

function devDir() {
  const dir = devDataDir();
  if (!dir) {
    console.error('No dev data at ../shared/data/dev: set REVIEW_TRIAGE_SHARED to the shared folder.');
    process.exit(1);
  }
  return dir;
}



function sigmoid(x) {
  return 1 / (1 + Math.exp(-x));
}

class Model {
  constructor(bits, dense) {
    this.w = new Float32Array(1 << bits);
    this.g = new Float32Array(1 << bits); // AdaGrad accumulators
    this.d = new Float64Array(dense);
    this.dg = new Float64Array(dense);
    this.b = 0;
    this.bg = 0;
  }
  logit(ex) {
    let z = this.b;
    for (let k = 0; k < ex.index.length; k++) z += this.w[ex.index[k]] * ex.values[k];
    for (let k = 0; k < ex.dense.length; k++) z += this.d[k] * ex.dense[k];
    return z;
  }
  update(ex, weight) {
    const err = (sigmoid(this.logit(ex)) - ex.y) * weight;
    for (let k = 0; k < ex.index.length; k++) {
      const i = ex.index[k];
      const grad = err * ex.values[k] + L2 * this.w[i];
      this.g[i] += grad * grad;
      this.w[i] -= (LEARNING_RATE * grad) / Math.sqrt(this.g[i] + 1e-8);
    }
    for (let k = 0; k < ex.dense.length; k++) {
      const grad = err * ex.dense[k] + DENSE_L2 * this.d[k];
      this.dg[k] += grad * grad;
      this.d[k] -= (LEARNING_RATE * grad) / Math.sqrt(this.dg[k] + 1e-8);
    }
    this.bg += err * err;
    this.b -= (LEARNING_RATE * err) / Math.sqrt(this.bg + 1e-8);
  }
}


function train(examples, denseCount) {
  const m = new Model(HASH_BITS, denseCount);
  const order = examples.slice();
  for (let e = 0; e < EPOCHS; e++) for (const ex of shuffle(order, 42 + e)) m.update(ex, ex.lang === 'en' ? ENGLISH_WEIGHT : 1);
  return m;
}

function accuracy(m, examples, keyOf) {
  const by = new Map();
  for (const ex of examples) {
    const k = keyOf(ex);
    const r = by.get(k) ?? { n: 0, ok: 0 };
    r.n++;
    if (m.logit(ex) > 0 === (ex.y === 1)) r.ok++;
    by.set(k, r);
  }
  return by;
}

function printAccuracy(title, by) {
  console.log(`\n${title}`);
  let n = 0;
  let ok = 0;
  for (const [k, r] of [...by].sort()) {
    console.log(`  ${k.padEnd(10)} ${(100 * r.ok / r.n).toFixed(1)}%  (n=${r.n})`);
    n += r.n;
    ok += r.ok;
  }
  console.log(`  ${'all'.padEnd(10)} ${(100 * ok / n).toFixed(1)}%  (n=${n})`);
}

async function main() {
  const dir = devDir();
  const { createFeaturizer, DENSE_FEATURES } = await loadFeaturizer('sentiment');
  const f = createFeaturizer(HASH_BITS);
  const rows = [
    ...readJsonl(path.join(dir, 'zh_shopping_reviews.jsonl')).map((r) => ({ ...r, lang: 'zh' })),
    ...readJsonl(path.join(dir, 'en_yelp.jsonl')).map((r) => ({ ...r, cat: 'en_yelp', lang: 'en' })),
  ];
  const t0 = performance.now();
  const examples = rows.map((r) => ({ ...f.featurize(r.id, r.text), y: r.label === 'positive' ? 1 : 0, cat: r.cat, lang: r.lang, held: isHeldOut(r.id) }));
  console.log(`featurised ${examples.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const denseCount = examples[0].dense.length;
  const trainSet = examples.filter((e) => !e.held);
  const heldOut = examples.filter((e) => e.held);

  // The lexicon layer alone (sign of its score), for reference.
  const lexOnly = { logit: (ex) => ex.lexScore };
  printAccuracy('lexicon rules alone, held-out', accuracy(lexOnly, heldOut, (e) => e.cat));

  if (args.has('--loco')) {
    const sum = [];
    // Leave one category out: how the model does on a domain it never saw (hotels, food...).
    // Also sweeps the extra weight on the lexicon score (LEXICON_BOOST) that the stage adds to the model's logit.
    const cats = process.env.SENT_LOCO_CATS ? process.env.SENT_LOCO_CATS.split(',') : [...new Set(trainSet.filter((e) => e.lang === 'zh').map((e) => e.cat))];
    const boosts = [0, 0.15, 0.3, 0.5, 0.8];
    const sums = boosts.map(() => 0);
    for (const cat of cats) {
      const m = train(trainSet.filter((e) => e.cat !== cat), denseCount);
      const test = heldOut.filter((e) => e.cat === cat);
      const line = boosts.map((b, k) => {
        const acc = test.filter((ex) => m.logit(ex) + b * ex.lexScore > 0 === (ex.y === 1)).length / test.length;
        sums[k] += acc;
        return `boost ${b}: ${(100 * acc).toFixed(1)}%`;
      });
      console.log(`  unseen ${cat}: ${line.join('  ')}`);
    }
    console.log(`  unseen mean: ${boosts.map((b, k) => `boost ${b}: ${((100 * sums[k]) / cats.length).toFixed(1)}%`).join('  ')}`);
    return;
  }

  const m = train(trainSet, denseCount);
  const byCat = accuracy(m, heldOut, (e) => e.cat);
  printAccuracy('model, held-out 20%', byCat);

  // Prune and quantise the sparse weights; dense weights stay exact.
  const indexDeltas = [];
  const weights = [];
  let prev = 0;
  for (let i = 0; i < m.w.length; i++) {
    if (Math.abs(m.w[i]) < PRUNE) continue;
    indexDeltas.push(i - prev);
    weights.push(Math.round(m.w[i] * SCALE));
    prev = i;
  }
  for (let i = 0; i < m.w.length; i++) if (Math.abs(m.w[i]) < PRUNE) m.w[i] = 0;
  printAccuracy('pruned model (the file; the stage codes it to one byte per weight at load, see npm run bench), held-out 20%', accuracy(m, heldOut, (e) => e.cat));
  const dense = Object.fromEntries(DENSE_FEATURES.map((name, k) => [name, Math.round(m.d[k] * 1e4) / 1e4]));
  const heldOutAccuracy = Object.fromEntries([...byCat].map(([k, r]) => [k, Math.round((1000 * r.ok) / r.n) / 1000]));
  const model = {
    format: 'review-triage-sentiment/1',
    hashBits: HASH_BITS,
    bias: Math.round(m.b * 1e4) / 1e4,
    dense,
    scale: SCALE,
    training: {
      script: 'scripts/train-sentiment.mjs',
      data: ['zh_shopping_reviews.jsonl', 'en_yelp.jsonl'],
      split: 'held out when FNV-1a(id) % 5 == 0 (scripts/lib/split.mjs)',
      trainRows: trainSet.length,
      heldOutRows: heldOut.length,
      epochs: EPOCHS,
      keptWeights: weights.length,
      heldOutAccuracy,
    },
    indexDeltas,
    weights,
  };
  const out = process.env.SENT_OUT ? path.resolve(process.env.SENT_OUT) : path.join(repo, 'data', 'models', 'sentiment.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(model));
  console.log(`\nwrote ${path.relative(repo, out)}: ${weights.length} sparse weights, ${(fs.statSync(out).size / 1e6).toFixed(2)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
