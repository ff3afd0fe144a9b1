// Trains the classify stage's topic and nature model from the dev data and
// writes data/models/types.json.
//
//   npm run train:types
//
// Hand labels (weight 1): zh_negative_types, zh_review_types and
// en_review_types from ../shared/data/dev (or $REVIEW_TRIAGE_SHARED/data/dev):
// gold negatives teach topics and nature; reviews that are not negative but
// list `complaint_topics` teach topics only (TOPIC_COMPLAINT_WEIGHT).
// Weak labels (WEAK_WEIGHT): the negative aspect categories of the aspect
// corpora mapped onto topics (`topics_suggested`, or RESTAURANT_ASPECT_TOPICS
// below; docs/classify.md), on rows where that names at least one topic; they
// teach topics only.
//
// The same functions train the leave-one-source-out folds of
// bench/types.bench.mjs (loadTypesData, trainTypes with an exclusion list),
// so the bench measures exactly what this script ships.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadFeaturizer } from './lib/featurizer.mjs';
import { devDataDir, readJsonl, shuffle } from './lib/training.mjs';

export { readJsonl };

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

const env = (name, fallback) => (process.env[name] !== undefined ? Number(process.env[name]) : fallback);
export const HASH_BITS = env('TYPES_HASH_BITS', 17);
const EPOCHS = env('TYPES_EPOCHS', 5);
const LEARNING_RATE = env('TYPES_LR', 1);
const L2 = env('TYPES_L2', 1e-5);
const WEAK_WEIGHT = env('TYPES_WEAK_WEIGHT', 0.3);
const TOPIC_COMPLAINT_WEIGHT = env('TYPES_COMPLAINT_WEIGHT', 0.5);
/** English hand rows are few: weigh them up so the English side learns. */
const ENGLISH_WEIGHT = env('TYPES_EN_WEIGHT', 2);
/** Rare natures are weighed up by (genuine count / class count) ^ this. */
const NATURE_BALANCE = env('TYPES_NATURE_BALANCE', 0.5);
/** Buckets whose largest weight is below this are dropped from the file. */
const PRUNE = env('TYPES_PRUNE', 0.1);
const SCALE = 100;
/**
 * AdaGrad accumulators start here, not at 0: from 0 the first step of every
 * feature is the full learning rate whatever its gradient, so a feature seen
 * once gets a large weight (noise the file would then have to store).
 */
const ACC0 = env('TYPES_ACC0', 1);

export const HAND_FILES = ['zh_negative_types.jsonl', 'zh_review_types.jsonl', 'en_review_types.jsonl'];
export const WEAK_FILES = ['zh_tmall_cosmetics_aspects.jsonl', 'zh_restaurant_aspects.jsonl', 'en_aspect_sentences.jsonl'];
const NATURES = ['genuine_complaint', 'malicious_attack', 'misunderstanding'];

/**
 * Restaurant aspects (AI Challenger 2018; -1 = negative) onto topics, by the dev labelling convention
 * (../shared/data/dev/README.md): small portions are mismatch, not quality as `topics_suggested` has it;
 * location, environment other than cleanliness, parking and overall impressions are no topic.
 */
const RESTAURANT_ASPECT_TOPICS = {
  service_wait_time: 'service',
  service_waiters_attitude: 'service',
  service_serving_speed: 'service',
  price_level: 'price',
  price_cost_effective: 'price',
  price_discount: 'price',
  dish_taste: 'quality',
  dish_look: 'quality',
  dish_recommendation: 'quality',
  environment_cleaness: 'quality',
  dish_portion: 'mismatch',
};

/** Weak topics of an aspect-corpus row: our own mapping for restaurants, the corpus's `topics_suggested` otherwise. */
export function weakTopics(row) {
  if (row.aspects) return [...new Set(Object.entries(row.aspects).filter(([a, v]) => v === -1 && RESTAURANT_ASPECT_TOPICS[a]).map(([a]) => RESTAURANT_ASPECT_TOPICS[a]))];
  return row.topics_suggested ?? [];
}

/** The source of a row: its id prefix (os10, aic18, asap, jdnike, zj19, mds, se16, mams). */
export const sourceOf = (id) => id.split('-')[0];

export const devDir = devDataDir;



/**
 * Every training example, featurised once: { id, source, lang, index, dense,
 * topics (0/1 per model topic), topicWeight, nature (index or -1), natureWeight }.
 */
export async function loadTypesData(dir = devDir()) {
  const { createTypesFeaturizer, MODEL_TOPICS, TYPES_DENSE_FEATURES, TYPES_OUTPUTS } = await loadFeaturizer('types');
  const f = createTypesFeaturizer(HASH_BITS);
  const seen = new Set();
  const examples = [];
  const topicVector = (list) => Uint8Array.from(MODEL_TOPICS, (t) => (list.includes(t) ? 1 : 0));
  const add = (row, fields) => {
    if (seen.has(row.id)) return;
    seen.add(row.id);
    const lang = /^(mds|se16|mams)-/.test(row.id) ? 'en' : 'zh';
    examples.push({ id: row.id, source: sourceOf(row.id), lang, ...f.featurize(row.id, row.text), ...fields });
  };
  const counts = {};
  for (const file of HAND_FILES) {
    for (const row of readJsonl(path.join(dir, file))) {
      if (row.sentiment === 'negative') {
        add(row, { topics: topicVector(row.topics ?? []), topicWeight: 1, nature: NATURES.indexOf(row.nature), natureWeight: 1, weak: false });
        counts.handNegatives = (counts.handNegatives ?? 0) + 1;
      } else if (row.complaint_topics?.length) {
        add(row, { topics: topicVector(row.complaint_topics), topicWeight: TOPIC_COMPLAINT_WEIGHT, nature: -1, natureWeight: 0, weak: false });
        counts.handComplaints = (counts.handComplaints ?? 0) + 1;
      }
    }
  }
  for (const file of WEAK_FILES) {
    for (const row of readJsonl(path.join(dir, file))) {
      const weak = weakTopics(row);
      if (!weak.length) continue;
      add(row, { topics: topicVector(weak), topicWeight: WEAK_WEIGHT, nature: -1, natureWeight: 0, weak: true });
      counts[file] = (counts[file] ?? 0) + 1;
    }
  }
  return { examples, counts, topics: MODEL_TOPICS, dense: TYPES_DENSE_FEATURES, outputs: TYPES_OUTPUTS };
}


/**
 * Trains on every example whose source is not in `exclude` and returns the
 * model file object (format review-triage-types/1). AdaGrad SGD: a logistic
 * loss per topic, a softmax loss over the natures.
 */
export function trainTypes(data, { exclude = [] } = {}) {
  const nt = data.topics.length;
  const K = data.outputs.length;
  const nn = K - nt;
  const nd = data.dense.length;
  const train = data.examples.filter((e) => !exclude.includes(e.source));
  const natureCount = new Array(nn).fill(0);
  for (const e of train) if (e.nature >= 0) natureCount[e.nature]++;
  const natureBoost = natureCount.map((c) => (c > 0 ? Math.pow(natureCount[0] / c, NATURE_BALANCE) : 0));

  const W = new Float32Array((1 << HASH_BITS) * K);
  const G = new Float32Array((1 << HASH_BITS) * K).fill(ACC0);
  const D = new Float64Array(K * nd);
  const DG = new Float64Array(K * nd).fill(ACC0);
  const B = new Float64Array(K);
  const BG = new Float64Array(K).fill(ACC0);
  const z = new Float64Array(K);
  const err = new Float64Array(K);
  const step = (g, acc, i) => {
    acc[i] += g * g;
    return (LEARNING_RATE * g) / Math.sqrt(acc[i] + 1e-8);
  };
  const order = train.slice();
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const ex of shuffle(order, 42 + epoch)) {
      const n = ex.index.length;
      const v = n > 0 ? 1 / Math.sqrt(n) : 0;
      z.set(B);
      for (let i = 0; i < n; i++) {
        const base = ex.index[i] * K;
        for (let o = 0; o < K; o++) z[o] += W[base + o] * v;
      }
      for (let o = 0; o < K; o++) for (let d = 0; d < nd; d++) z[o] += D[o * nd + d] * ex.dense[d];
      const langW = ex.lang === 'en' ? ENGLISH_WEIGHT : 1;
      for (let t = 0; t < nt; t++) err[t] = (1 / (1 + Math.exp(-z[t])) - ex.topics[t]) * ex.topicWeight * langW;
      if (ex.nature >= 0) {
        let max = -Infinity;
        for (let c = 0; c < nn; c++) max = Math.max(max, z[nt + c]);
        let sum = 0;
        for (let c = 0; c < nn; c++) sum += Math.exp(z[nt + c] - max);
        const w = ex.natureWeight * natureBoost[ex.nature] * langW;
        for (let c = 0; c < nn; c++) err[nt + c] = (Math.exp(z[nt + c] - max) / sum - (c === ex.nature ? 1 : 0)) * w;
      } else for (let c = 0; c < nn; c++) err[nt + c] = 0;
      for (let i = 0; i < n; i++) {
        const base = ex.index[i] * K;
        for (let o = 0; o < K; o++) {
          if (err[o] === 0) continue;
          const j = base + o;
          W[j] -= step(err[o] * v + L2 * W[j], G, j);
        }
      }
      for (let o = 0; o < K; o++) {
        if (err[o] === 0) continue;
        for (let d = 0; d < nd; d++) {
          const j = o * nd + d;
          D[j] -= step(err[o] * ex.dense[d], DG, j);
        }
        B[o] -= step(err[o], BG, o);
      }
    }
  }

  // Keep the buckets where some output has a weight worth storing.
  const indexDeltas = [];
  const weights = [];
  let prev = 0;
  // Weights below PRUNE are stored as 0 (they move a probability by well under 1%).
  for (let b = 0; b < 1 << HASH_BITS; b++) {
    let big = 0;
    for (let o = 0; o < K; o++) big = Math.max(big, Math.abs(W[b * K + o]));
    if (big < PRUNE) continue;
    indexDeltas.push(b - prev);
    prev = b;
    for (let o = 0; o < K; o++) weights.push(Math.abs(W[b * K + o]) < PRUNE ? 0 : Math.round(W[b * K + o] * SCALE));
  }
  const r4 = (x) => Math.round(x * 1e4) / 1e4;
  // Hand-labelled rows per topic: the stage lets the cues decide topics the model has barely seen.
  const topicSupport = data.topics.map((_, t) => train.filter((e) => !e.weak && e.topics[t]).length);
  return {
    format: 'review-triage-types/1',
    hashBits: HASH_BITS,
    outputs: [...data.outputs],
    bias: Array.from(B, r4),
    dense: Array.from({ length: K }, (_, o) => Array.from(D.subarray(o * nd, (o + 1) * nd), r4)),
    scale: SCALE,
    topicSupport,
    training: {
      script: 'scripts/train-types.mjs',
      hand: HAND_FILES,
      weak: WEAK_FILES,
      excludedSources: exclude,
      examples: train.length,
      natureCounts: Object.fromEntries(NATURES.map((n, c) => [n, natureCount[c]])),
      weakWeight: WEAK_WEIGHT,
      complaintWeight: TOPIC_COMPLAINT_WEIGHT,
      epochs: EPOCHS,
      keptBuckets: indexDeltas.length,
      note: 'accuracy is measured by bench/types.bench.mjs, leave-one-source-out, not on these rows',
    },
    indexDeltas,
    weights,
  };
}

async function main() {
  const dir = devDir();
  if (!dir) {
    console.error('No dev data at ../shared/data/dev: set REVIEW_TRIAGE_SHARED to the shared folder.');
    process.exit(1);
  }
  const t0 = performance.now();
  const data = await loadTypesData(dir);
  console.log(`featurised ${data.examples.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(data.counts)}`);
  const t1 = performance.now();
  const model = trainTypes(data);
  console.log(`trained in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  const out = process.env.TYPES_OUT ? path.resolve(process.env.TYPES_OUT) : path.join(repo, 'data', 'models', 'types.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(model));
  console.log(`wrote ${path.relative(repo, out)}: ${model.indexDeltas.length} buckets x ${model.outputs.length} outputs, ${(fs.statSync(out).size / 1e6).toFixed(2)} MB`);
  console.log('accuracy: npm run bench -- types (leave-one-source-out, end to end)');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
