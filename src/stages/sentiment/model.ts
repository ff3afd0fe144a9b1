import fs from 'node:fs';
import { OptionsError } from '../../errors.js';
import type { TriageDoc } from '../../pipeline/doc.js';
import { DENSE_FEATURES, FeatureExtractor } from './features.js';

/**
 * The shipped logistic-regression weights (data/models/sentiment.json, written
 * by scripts/train-sentiment.mjs). Sparse weights are stored as
 * delta-encoded bucket indexes plus integers (weight x scale) to keep the
 * file small; they are expanded once into a Float32Array indexed by bucket.
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
  /** Weights as the file stores them (weight x scale, integers): half the memory of floats, so fewer cache misses per n-gram. */
  private readonly weights: Int16Array;
  private readonly unit: number;

  constructor(file: SentimentModelFile, source: string) {
    if (file?.format !== 'review-triage-sentiment/1' || !Array.isArray(file.indexDeltas) || file.indexDeltas.length !== file.weights?.length) {
      throw new OptionsError(`sentiment.modelPath: ${source} is not a review-triage sentiment model (format review-triage-sentiment/1). Rebuild it with "npm run train:sentiment".`, [{ path: ['sentiment', 'modelPath'], message: 'not a sentiment model' }]);
    }
    this.hashBits = file.hashBits;
    this.bias = file.bias;
    this.dense = Float64Array.from(DENSE_FEATURES, (name) => file.dense[name] ?? 0);
    this.weights = new Int16Array(1 << file.hashBits);
    this.unit = 1 / file.scale;
    let at = 0;
    for (let k = 0; k < file.indexDeltas.length; k++) {
      at += file.indexDeltas[k]!;
      const w = Math.round(file.weights[k]!);
      if (w < -32768 || w > 32767) throw new OptionsError(`sentiment.modelPath: ${source} has a weight beyond 16 bits at bucket ${at}; retrain with a smaller scale.`, [{ path: ['sentiment', 'modelPath'], message: 'weight out of range' }]);
      this.weights[at] = w;
    }
  }

  static load(file: string): SentimentModel {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (cause) {
      const e = new OptionsError(`sentiment.modelPath: cannot read the sentiment model ${file} (${(cause as Error).message}). Rebuild it with "npm run train:sentiment".`, [{ path: ['sentiment', 'modelPath'], message: 'cannot read the model file' }]);
      e.cause = cause;
      throw e;
    }
    return new SentimentModel(json as SentimentModelFile, file);
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
    fx.scoreWith(this.weights, this.unit);
    return fx;
  }
}
