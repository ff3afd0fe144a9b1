import fs from 'node:fs';
import { ReviewTriageError } from '../../errors.js';
import { DENSE_FEATURES, type FeatureExtractor } from './features.js';

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

export interface ModelOutput {
  logit: number;
  /** Buffer positions of the feature that pushed most towards positive / negative, or -1. */
  topPositive: number;
  topNegative: number;
  topPositiveWeight: number;
  topNegativeWeight: number;
}

export class SentimentModel {
  readonly hashBits: number;
  private readonly bias: number;
  private readonly dense: Float64Array;
  private readonly weights: Float32Array;

  constructor(file: SentimentModelFile, source: string) {
    if (file?.format !== 'review-triage-sentiment/1' || !Array.isArray(file.indexDeltas) || file.indexDeltas.length !== file.weights?.length) {
      throw new ReviewTriageError('INVALID_OPTIONS', `${source} is not a review-triage sentiment model (format review-triage-sentiment/1). Rebuild it with "npm run train:sentiment".`);
    }
    this.hashBits = file.hashBits;
    this.bias = file.bias;
    this.dense = Float64Array.from(DENSE_FEATURES, (name) => file.dense[name] ?? 0);
    this.weights = new Float32Array(1 << file.hashBits);
    let at = 0;
    for (let k = 0; k < file.indexDeltas.length; k++) {
      at += file.indexDeltas[k]!;
      this.weights[at] = file.weights[k]! / file.scale;
    }
  }

  static load(file: string): SentimentModel {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new ReviewTriageError('INVALID_OPTIONS', `Cannot read the sentiment model ${file} (${(cause as Error).message}). Rebuild it with "npm run train:sentiment".`, { cause });
    }
    return new SentimentModel(json as SentimentModelFile, file);
  }

  /**
   * Logit of "positive" for the features in the extractor's buffer plus the
   * dense lexicon features. Features that end before `contrastAt` (a `but`,
   * `但是`) count 1/contrastWeight, as the lexicon rules weigh that clause.
   */
  predict(features: FeatureExtractor, dense: number[], contrastAt = -1, contrastWeight = 1): ModelOutput {
    const n = features.count;
    const value = n > 0 ? 1 / Math.sqrt(n) : 0;
    const before = value / contrastWeight;
    const idx = features.index;
    const ends = features.spanEnd;
    const w = this.weights;
    let logit = this.bias;
    let topPositive = -1;
    let topNegative = -1;
    let maxW = 0;
    let minW = 0;
    for (let k = 0; k < n; k++) {
      const x = w[idx[k]!]! * (ends[k]! <= contrastAt ? before : value);
      logit += x;
      if (x > maxW) {
        maxW = x;
        topPositive = k;
      } else if (x < minW) {
        minW = x;
        topNegative = k;
      }
    }
    for (let d = 0; d < dense.length; d++) logit += this.dense[d]! * dense[d]!;
    return { logit, topPositive, topNegative, topPositiveWeight: maxW, topNegativeWeight: minW };
  }
}
