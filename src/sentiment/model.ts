import fs from 'node:fs';
import { OptionsError } from '../kernel/errors.js';
import type { TriageDoc } from '../kernel/doc.js';
import { DENSE_FEATURES, FeatureExtractor } from './features.js';

/**
 * The shipped logistic-regression weights (data/models/sentiment.json, written
 * by scripts/train-sentiment.mjs). Sparse weights are stored as
 * delta-encoded bucket indexes plus integers (weight x scale) to keep the
 * file small; at load they become one-byte codes per bucket (see quantize).
 */
export interface SentimentModelFile {
  format: 'review-triage-sentiment/1';
  hashBits: number;
  bias: number;
  dense: Record<string, number>;
  scale: number;
  /** Bucket indexes, each stored as the gap from the previous one. */
  indexDeltas: number[];
  weights: number[];
  /** How it was trained (split, counts, held-out accuracy): for people, not read by code. */
  training?: Record<string, unknown>;
}

export class SentimentModel {
  readonly hashBits: number;
  private readonly bias: number;
  private readonly dense: Float64Array;
  /**
   * One byte per bucket: a code into `levels` (see quantize). A quarter of
   * the memory of floats: the table is read at random for every n-gram of
   * every review, and its cache misses were the stage's hottest line.
   */
  private readonly weights: Int8Array;
  /** Weight (x scale, an integer) of each code, at index code + 128. */
  private readonly levels: Int32Array;
  private readonly unit: number;

  constructor(file: SentimentModelFile, source: string) {
    if (file?.format !== 'review-triage-sentiment/1' || !Array.isArray(file.indexDeltas) || file.indexDeltas.length !== file.weights?.length) {
      throw new OptionsError(`sentiment.modelPath: ${source} is not a review-triage sentiment model (format review-triage-sentiment/1). Rebuild it with "npm run train:sentiment".`, [{ path: ['sentiment', 'modelPath'], message: 'not a sentiment model' }]);
    }
    this.hashBits = file.hashBits;
    this.bias = file.bias;
    this.dense = Float64Array.from(DENSE_FEATURES, (name) => file.dense[name] ?? 0);
    this.unit = 1 / file.scale;
    const { codes, levels } = quantize(file.weights);
    this.levels = levels;
    this.weights = new Int8Array(1 << file.hashBits);
    let at = 0;
    for (let k = 0; k < file.indexDeltas.length; k++) {
      at += file.indexDeltas[k]!;
      if (!(at >= 0 && at < this.weights.length)) throw new OptionsError(`sentiment.modelPath: ${source} has a bucket index ${at} outside 2^${file.hashBits}; rebuild it with "npm run train:sentiment".`, [{ path: ['sentiment', 'modelPath'], message: 'bucket out of range' }]);
      this.weights[at] = codes[k]!;
    }
  }

  /** Models already read, by path: each analyzer would otherwise parse 1.5 MB and code 225k weights again. */
  private static readonly loaded = new Map<string, { stamp: string; model: SentimentModel }>();

  /** Reads a model file, or returns the model already read from it (unless the file changed since). */
  static load(file: string): SentimentModel {
    let json: unknown;
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
      const hit = SentimentModel.loaded.get(file);
      if (hit?.stamp === stamp) return hit.model;
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (cause) {
      const e = new OptionsError(`sentiment.modelPath: cannot read the sentiment model ${file} (${(cause as Error).message}). Rebuild it with "npm run train:sentiment".`, [{ path: ['sentiment', 'modelPath'], message: 'cannot read the model file' }]);
      e.cause = cause;
      throw e;
    }
    const model = new SentimentModel(json as SentimentModelFile, file);
    SentimentModel.loaded.set(file, { stamp, model });
    return model;
  }

  /**
   * Logit of "positive": one pass of the extractor summing this model's
   * weights, plus the dense lexicon features. Features before the contrast
   * marker at `contrastAt` (a `but`, `但是`) count 1/contrastWeight, as the
   * lexicon rules weigh that clause. The extractor keeps the strongest
   * feature each way for the evidence.
   */
  predict(doc: TriageDoc, features: FeatureExtractor, skipSpans: number[] | null, dense: ArrayLike<number>, contrastAt = -1, contrastWeight = 1): number {
    const n = features.score(doc, skipSpans, contrastAt);
    let logit = this.bias;
    if (n > 0) logit += (features.sumAfter + features.sumBefore / contrastWeight) / Math.sqrt(n);
    for (let d = 0; d < dense.length; d++) logit += this.dense[d]! * dense[d]!;
    return logit;
  }

  /** A feature extractor bound to this model's weights (one per stage instance: it keeps state per review). */
  extractor(): FeatureExtractor {
    const fx = new FeatureExtractor(this.hashBits);
    fx.scoreWith(this.weights, this.levels, this.unit);
    return fx;
  }
}

/** Magnitude levels per sign: codes -127..-1 and 1..127 (0 is "no weight"). */
const LEVELS = 127;

/**
 * One-byte codes for the file's integer weights. Magnitudes are spaced
 * evenly on a log scale, log(1 + |w| / median), which gives the many small
 * weights fine steps and the few large ones coarse steps; each code then
 * decodes to the mean of the weights it holds. On the shipped model the rms
 * error is about 1% of the median weight, and held-out accuracy matches the
 * exact weights to within one review per category (see README, Sentiment).
 * Codes order like their levels.
 */
export function quantize(weights: readonly number[]): { codes: Int8Array; levels: Int32Array } {
  const n = weights.length;
  const mags = Float64Array.from(weights, (w) => Math.abs(w));
  let max = 0;
  for (let k = 0; k < n; k++) if (mags[k]! > max) max = mags[k]!;
  const scale = Math.max(1, median(mags));
  const top = Math.log1p(max / scale) || 1;
  const codes = new Int8Array(n);
  const sum = new Float64Array(LEVELS + 1);
  const count = new Float64Array(LEVELS + 1);
  for (let k = 0; k < n; k++) {
    if (weights[k] === 0) continue;
    const c = Math.min(LEVELS, Math.max(1, Math.round((LEVELS * Math.log1p(mags[k]! / scale)) / top)));
    codes[k] = weights[k]! > 0 ? c : -c;
    sum[c]! += mags[k]!;
    count[c]!++;
  }
  const levels = new Int32Array(256);
  for (let c = 1; c <= LEVELS; c++) {
    // An empty code keeps its place on the scale, so levels still order like codes.
    const level = Math.round(count[c]! > 0 ? sum[c]! / count[c]! : scale * Math.expm1((c * top) / LEVELS));
    levels[128 + c] = level;
    levels[128 - c] = -level;
  }
  return { codes, levels };
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[sorted.length >> 1]!;
}
