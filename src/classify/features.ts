import type { TriageDoc } from '../kernel/doc.js';
import { TOPICS } from '../types.js';
import { FeatureExtractor, latinShare } from '../sentiment/features.js';
import { finishMasked as finish, fnv1a, fnvStep as mix } from '../util/hash.js';

/** FNV-1a of a string from a seed (argument order of the sentiment features' helper). */
const hashString = (seed: number, s: string): number => fnv1a(s, seed);
import type { ClauseInfo } from './clauses.js';
import type { CueHit } from './cues.js';
import type { NatureScores } from './nature.js';
import type { TopicScores } from './topics.js';

/**
 * Features of the learned topic and nature model, shared by the classify
 * stage and scripts/train-types.mjs (which compiles this very file), so
 * training and inference cannot drift apart.
 *
 * Sparse (hashed, each worth 1/sqrt(n)): the sentiment model's extractor
 * (Chinese character 1-3-grams, English stems and stem bigrams, emoji, !/?),
 * plus Chinese words from the segmenter, plus one feature per lexicon cue
 * hit keyed by (topic or nature cue, problem or aspect, the sign of its
 * clause, negated or not): that is how the model learns where a cue is
 * trustworthy, and the clause structure reaches it.
 * Dense: the cue scores the rule classifier computes (per topic, attack,
 * information gap, detail, faults) and the text's length and language.
 */

const SEED_HAN_WORD = 0x2545f491;
const SEED_TOPIC_CUE = 0x6a09e667;
const SEED_NATURE_CUE = 0x510e527f;

/** Topics the model scores (`other` is what is left when none of them fits). */
export const MODEL_TOPICS = TOPICS.filter((t) => t !== 'other');

export const TYPES_DENSE_FEATURES: readonly string[] = [...MODEL_TOPICS.map((t) => `cue.${t}`), 'attack', 'gap', 'detail', 'faults', 'length', 'latin'];

/** Reusable feature buffers for one review (one per stage instance). */
export class TypesFeatures {
  readonly base: FeatureExtractor;
  readonly mask: number;
  index = new Int32Array(1024);
  count = 0;
  readonly dense = new Float64Array(TYPES_DENSE_FEATURES.length);

  constructor(readonly bits: number) {
    this.base = new FeatureExtractor(bits);
    this.mask = (1 << bits) - 1;
  }

  /**
   * Fills `index[0..count)` and `dense` for one doc. `skipSpans`
   * ([start, end, ...] in the normalised text) hide text from the n-gram and
   * word features: a caller's lexicon entry takes its words away from the
   * model, so the entry decides.
   */
  extract(doc: TriageDoc, hits: CueHit[], clauses: ClauseInfo, ts: TopicScores, nature: NatureScores, skipSpans: number[] | null): number {
    const n0 = this.base.extract(doc, skipSpans);
    this.count = 0;
    let cueFeatures = 0;
    for (const hit of hits) cueFeatures += hit.roles.topics.length + hit.roles.natures.length;
    this.ensure(n0 + doc.tokens.length + cueFeatures);
    this.index.set(this.base.index.subarray(0, n0), 0);
    this.count = n0;
    const mask = this.mask;
    for (const t of doc.tokens) {
      // Single characters are already unigrams; words of 2+ characters add the segmenter's view.
      if (t.type !== 'han' || t.norm.length < 2) continue;
      if (skipSpans && overlaps(skipSpans, t.nStart, t.nEnd)) continue;
      this.index[this.count++] = finish(hashString(SEED_HAN_WORD, t.norm), mask);
    }
    for (let h = 0; h < hits.length; h++) {
      const r = hits[h]!.roles;
      if (r.topics.length === 0 && r.natures.length === 0) continue;
      const sign = clauses.sign[clauses.hitClause[h]!]! + 1; // 0, 1, 2
      const negated = clauses.hitNegated[h]!;
      for (const c of r.topics) {
        const key = mix(mix(mix(mix(SEED_TOPIC_CUE, c.index), c.problem ? 1 : 0), sign), negated);
        this.index[this.count++] = finish(key, mask);
      }
      for (const c of r.natures) {
        const key = mix(mix(mix(SEED_NATURE_CUE, natureCode(c.nature)), hashString(0, c.cue)), negated);
        this.index[this.count++] = finish(key, mask);
      }
    }
    const d = this.dense;
    let k = 0;
    for (const topic of MODEL_TOPICS) d[k++] = Math.tanh(ts.scores[TOPICS.indexOf(topic)]! / 3);
    d[k++] = Math.tanh(nature.attack / 3);
    d[k++] = Math.tanh(nature.gap / 3);
    d[k++] = Math.tanh(nature.detail / 5);
    d[k++] = Math.tanh(nature.faults / 3);
    d[k++] = Math.tanh(doc.normalized.length / 100);
    d[k++] = latinShare(doc.language);
    return this.count;
  }

  /** Room for n features (the buffer only grows; a typed array would silently drop writes past its end). */
  private ensure(n: number): void {
    if (this.index.length >= n) return;
    let size = this.index.length;
    while (size < n) size *= 2;
    this.index = new Int32Array(size);
  }
}

function natureCode(nature: string): number {
  return nature === 'malicious_attack' ? 1 : nature === 'misunderstanding' ? 2 : 3;
}

function overlaps(spans: number[], start: number, end: number): boolean {
  for (let k = 0; k < spans.length; k += 2) if (start < spans[k + 1]! && end > spans[k]!) return true;
  return false;
}
