import fs from 'node:fs';
import { OptionsError } from '../kernel/errors.js';
import { NATURES } from '../types.js';
import { MODEL_TOPICS, TYPES_DENSE_FEATURES, type TypesFeatures } from './features.js';

/**
 * The shipped topic and nature model (data/models/types.json, written by
 * scripts/train-types.mjs): one logistic regression per topic (one-vs-rest,
 * multi-label) and a softmax over the three natures, over the features of
 * ./features.ts. Only buckets where some output has a weight are stored:
 * their indexes delta-encoded, then one integer (weight x scale) per output.
 */
export interface TypesModelFile {
  format: 'review-triage-types/1';
  hashBits: number;
  /** Output names in order: the topics of MODEL_TOPICS, then the natures. */
  outputs: string[];
  bias: number[];
  /** Dense weights by output, in TYPES_DENSE_FEATURES order. */
  dense: number[][];
  scale: number;
  /** Hand-labelled training rows per topic (MODEL_TOPICS order). */
  topicSupport: number[];
  indexDeltas: number[];
  /** indexDeltas.length x outputs.length integers, row by row. */
  weights: number[];
  /** How it was trained (data, weights, counts): for people, not read by code. */
  training?: Record<string, unknown>;
}

export const TYPES_OUTPUTS: readonly string[] = [...MODEL_TOPICS, ...NATURES];

export interface TypesPrediction {
  /** P(topic) per MODEL_TOPICS entry. */
  topics: Float64Array;
  /** P(nature) per NATURES entry (sums to 1). */
  natures: Float64Array;
}

export class TypesModel {
  readonly hashBits: number;
  /** Hand-labelled training rows per topic (MODEL_TOPICS order). */
  readonly topicSupport: Int32Array;
  private readonly outputs: number;
  private readonly bias: Float64Array;
  private readonly dense: Float64Array;
  /** Row of each bucket in `weights`, or -1. */
  private readonly rowOf: Int32Array;
  /**
   * Row-major: one row of `outputs` integers (weight x scale, as in the file) per stored bucket, so a
   * feature reads one contiguous slice. Int16, not floats: the table is read at random once per feature
   * and its cache misses are most of the model's cost; the file's integers fit exactly.
   */
  private readonly weights: Int16Array;
  private readonly unit: number;
  private readonly z: Float64Array;

  constructor(file: TypesModelFile, source: string) {
    const bad = (message: string) =>
      new OptionsError(`classify.modelPath: ${source} ${message}. Rebuild it with "npm run train:types".`, [{ path: ['classify', 'modelPath'], message }]);
    if (file?.format !== 'review-triage-types/1' || !Array.isArray(file.indexDeltas) || !Array.isArray(file.weights)) throw bad('is not a review-triage topic model (format review-triage-types/1)');
    if (file.outputs?.join() !== TYPES_OUTPUTS.join()) throw bad(`has outputs ${String(file.outputs)}, expected ${TYPES_OUTPUTS.join()}`);
    const k = TYPES_OUTPUTS.length;
    if (file.weights.length !== file.indexDeltas.length * k || file.bias?.length !== k || file.dense?.length !== k) throw bad('has weight tables of the wrong size');
    if (file.topicSupport?.length !== MODEL_TOPICS.length) throw bad('has no topicSupport per topic');
    this.hashBits = file.hashBits;
    this.topicSupport = Int32Array.from(file.topicSupport);
    this.outputs = k;
    this.bias = Float64Array.from(file.bias);
    const nd = TYPES_DENSE_FEATURES.length;
    this.dense = new Float64Array(k * nd);
    for (let o = 0; o < k; o++) for (let d = 0; d < nd; d++) this.dense[o * nd + d] = file.dense[o]![d] ?? 0;
    this.unit = 1 / file.scale;
    this.rowOf = new Int32Array(1 << file.hashBits).fill(-1);
    this.weights = new Int16Array(file.weights.length);
    for (let i = 0; i < file.weights.length; i++) {
      const w = file.weights[i]!;
      if (!Number.isInteger(w) || w < -32768 || w > 32767) throw bad(`has a weight ${w} that is not a 16-bit integer`);
      this.weights[i] = w;
    }
    let at = 0;
    for (let r = 0; r < file.indexDeltas.length; r++) {
      at += file.indexDeltas[r]!;
      if (!(at >= 0 && at < this.rowOf.length)) throw bad(`has a bucket index ${at} outside 2^${file.hashBits}`);
      this.rowOf[at] = r;
    }
    this.z = new Float64Array(k);
  }

  /** Models already read, by path (each analyzer would otherwise parse the file again). */
  private static readonly loaded = new Map<string, { stamp: string; model: TypesModel }>();

  static load(file: string): TypesModel {
    let json: unknown;
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
      const hit = TypesModel.loaded.get(file);
      if (hit?.stamp === stamp) return hit.model;
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (cause) {
      const e = new OptionsError(`classify.modelPath: cannot read the topic model ${file} (${(cause as Error).message}). Rebuild it with "npm run train:types".`, [{ path: ['classify', 'modelPath'], message: 'cannot read the model file' }]);
      e.cause = cause;
      throw e;
    }
    const model = new TypesModel(json as TypesModelFile, file);
    TypesModel.loaded.set(file, { stamp, model });
    return model;
  }

  /**
   * Probabilities for the features in `f` (filled by TypesFeatures.extract), written into `out`.
   * `natures` false skips the nature outputs (out.natures is left as it was): the stage does not read
   * them unless a nature threshold is on, and every output costs a read per feature.
   */
  predict(f: TypesFeatures, out: TypesPrediction, natures = true): TypesPrediction {
    const nt = MODEL_TOPICS.length;
    const k = natures ? this.outputs : nt;
    const stride = this.outputs;
    const z = this.z;
    z.set(this.bias);
    const n = f.count;
    if (n > 0) {
      const value = this.unit / Math.sqrt(n);
      const rowOf = this.rowOf;
      const w = this.weights;
      for (let i = 0; i < n; i++) {
        const r = rowOf[f.index[i]!]!;
        if (r < 0) continue;
        const base = r * stride;
        for (let o = 0; o < k; o++) z[o]! += w[base + o]! * value;
      }
    }
    const nd = f.dense.length;
    for (let o = 0; o < k; o++) {
      let s = 0;
      for (let d = 0; d < nd; d++) s += this.dense[o * nd + d]! * f.dense[d]!;
      z[o]! += s;
    }
    for (let t = 0; t < nt; t++) out.topics[t] = 1 / (1 + Math.exp(-z[t]!));
    if (!natures) return out;
    let max = -Infinity;
    for (let c = nt; c < k; c++) max = Math.max(max, z[c]!);
    let sum = 0;
    for (let c = nt; c < k; c++) sum += out.natures[c - nt] = Math.exp(z[c]! - max);
    for (let c = 0; c < k - nt; c++) out.natures[c]! /= sum;
    return out;
  }
}

export function emptyPrediction(): TypesPrediction {
  return { topics: new Float64Array(MODEL_TOPICS.length), natures: new Float64Array(NATURES.length) };
}


