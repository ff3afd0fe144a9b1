import { stemmer } from 'stemmer';
import { finishMasked, fnv1a, fnvStep } from '../util/hash.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { LexiconScore } from './lexicon-scorer.js';

/**
 * Features of the learned scorer, shared by the stage and by
 * scripts/train-sentiment.mjs (which compiles this very file), so training
 * and inference cannot drift apart.
 *
 * Sparse features are hashed into 2^bits buckets (no vocabulary to ship or
 * look up): Chinese character 1-3-grams, English Porter stems (marked when
 * inside a negation, as in "not good" -> NEG_good) and stem bigrams, emoji
 * and `!`/`?`. No strings are built for character n-grams:
 * the hash is computed from char codes as we walk the text.
 */

const LEXICON_FEATURES = ['lexScore', 'lexPos', 'lexNeg', 'noOpinion', 'contrast', 'questionOnly', 'exclamation', 'bias'] as const;

/**
 * Dense features from the lexicon layer, in model-file order: one copy for
 * Chinese and one for English text (mixed text feeds both halves), so the
 * model can trust each language's lexicon by its own measure.
 */
export const DENSE_FEATURES: readonly string[] = [...LEXICON_FEATURES.map((f) => `zh.${f}`), ...LEXICON_FEATURES.map((f) => `en.${f}`)];

/**
 * Fills `out` (length DENSE_FEATURES.length; reused across reviews) with the
 * lexicon features. `latinShare`: 1 for English text, 0 for Chinese, in
 * between for mixed.
 */
export function denseFeatures(lex: LexiconScore, latinShare: number, out: Float64Array | number[] = new Float64Array(DENSE_FEATURES.length)): Float64Array | number[] {
  const half = LEXICON_FEATURES.length;
  const zh = 1 - latinShare;
  const put = (k: number, x: number): void => {
    out[k] = x * zh;
    out[k + half] = x * latinShare;
  };
  put(0, Math.tanh(lex.score / 3));
  put(1, Math.tanh(lex.pos / 3));
  put(2, Math.tanh(lex.neg / 3));
  put(3, lex.hits === 0 ? 1 : 0);
  put(4, lex.contrast ? 1 : 0);
  put(5, lex.questionOnly ? 1 : 0);
  put(6, lex.exclamation ? 1 : 0);
  put(7, 1);
  return out;
}

/** The English share of a review's language, for denseFeatures: 1 for English, 0.5 for mixed, else 0. */
export function latinShare(language: string): number {
  return language === 'en' ? 1 : language === 'mixed' ? 0.5 : 0;
}

/** Chinese contrast markers at least this strong (但是, 可是, 然而) also discount the model's features before them. */
const ZH_MODEL_CONTRAST = 1.5;

/**
 * Where the model discounts what precedes a contrast marker. English and
 * mixed text: at every marker. Chinese: only at strong ones, because the
 * mild ones (就是, 只是, 不过) mostly add a minor gripe after the verdict
 * (`总体不错, 就是有点贵`) and discounting there measurably hurt held-out
 * accuracy; the lexicon rules apply every marker either way.
 */
export function modelContrastAt(language: string, lex: LexiconScore): number {
  return language === 'zh' && lex.contrastWeight < ZH_MODEL_CONTRAST ? -1 : lex.contrastAt;
}

const SEED_CHAR = [0, 0x1b873593, 0x2f1a3c55, 0x4c1d9e27];
const SEED_WORD = 0x68e31da4;
const SEED_NEG_WORD = 0x3c6ef372;
const SEED_BIGRAM = 0x5be0cd19;
const SEED_OTHER = 0x7f4a7c15;
/** Words that start an English negation scope for the NEG_ marking (until punctuation). */
const EN_NEGATION = new Set(['not', "n't", 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly']);

const mix = fnvStep;
const finish = finishMasked;
/** Characters whose n-grams are features (CJK unified ideographs and extension A). */
function isHanGramUnit(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function hashString(seed: number, s: string): number {
  return fnv1a(s, seed);
}

/** A reusable buffer of hashed feature indexes with the normalised-text offset each ends at (for the contrast discount). */
export class FeatureExtractor {
  readonly mask: number;
  index = new Int32Array(1024);
  spanEnd = new Int32Array(1024);
  count = 0;
  private readonly stems = new Map<string, string>();

  /**
   * Scoring mode (the stage): with `weights` set, `extract` sums weights as it
   * goes instead of buffering indexes, so a review costs one pass and no
   * writes. Training leaves it null to get the indexes.
   */
  private weights: Int8Array | null = null;
  /** Weight of each code in `weights`, at index code + 128, in integer steps. */
  private levels: Int32Array = new Int32Array(256);
  /** What one integer weight step is worth (1 / the model file's scale). */
  private unit = 1;
  /** Features ending at or before this normalised offset precede a contrast marker. */
  private cut = -1;
  /**
   * Scoring accumulators, in a typed array because plain number fields
   * updated per feature get boxed: [sum before the cut, sum after, max
   * weight, its start, its end, min weight, its start, its end].
   */
  readonly acc = new Float64Array(8);
  get sumBefore(): number {
    return this.acc[0]! * this.unit;
  }
  get sumAfter(): number {
    return this.acc[1]! * this.unit;
  }
  get maxWeight(): number {
    return this.acc[2]! * this.unit;
  }
  get maxStart(): number {
    return this.acc[3]!;
  }
  get maxEnd(): number {
    return this.acc[4]!;
  }
  get minWeight(): number {
    return this.acc[5]! * this.unit;
  }
  get minStart(): number {
    return this.acc[6]!;
  }
  get minEnd(): number {
    return this.acc[7]!;
  }

  constructor(readonly bits: number) {
    this.mask = (1 << bits) - 1;
  }

  /**
   * Switches to scoring mode: `weights` (length 2^bits) holds a one-byte code
   * per bucket, `levels[code + 128]` its weight in integer steps each worth
   * `unit`. Codes must order like their levels (the strongest feature is
   * tracked by code).
   */
  scoreWith(weights: Int8Array, levels: Int32Array, unit: number): void {
    if (weights.length !== this.mask + 1) throw new RangeError(`weights must have 2^${this.bits} entries`);
    if (levels.length !== 256) throw new RangeError('levels must have 256 entries');
    this.weights = weights;
    this.levels = levels;
    this.unit = unit;
  }

  /** In scoring mode: extract and sum in one pass. Returns the feature count. */
  score(doc: TriageDoc, skipSpans: number[] | null, contrastAt: number): number {
    this.cut = contrastAt;
    const acc = this.acc;
    acc[0] = acc[1] = acc[2] = acc[5] = 0;
    acc[3] = acc[4] = acc[6] = acc[7] = -1;
    return this.extract(doc, skipSpans);
  }

  /**
   * Fills the buffer from a tokenised doc. Features overlapping any of
   * `skipSpans` ([start, end, ...] in the normalised text) are left out: that
   * is how a caller's lexicon entry takes a word away from the model.
   */
  extract(doc: TriageDoc, skipSpans: number[] | null): number {
    this.count = 0;
    const text = doc.normalized;
    const mask = this.mask;
    // Chinese character n-grams over runs of Han characters.
    if (this.weights && !skipSpans) this.scoreHanGrams(text);
    else {
      let c1 = -1;
      let c2 = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!isHanGramUnit(c)) {
          c1 = c2 = -1;
          continue;
        }
        this.push(finish(mix(SEED_CHAR[1]!, c), mask), i, i + 1, skipSpans);
        if (c1 >= 0) this.push(finish(mix(mix(SEED_CHAR[2]!, c1), c), mask), i - 1, i + 1, skipSpans);
        if (c2 >= 0) this.push(finish(mix(mix(mix(SEED_CHAR[3]!, c2), c1), c), mask), i - 2, i + 1, skipSpans);
        c2 = c1;
        c1 = c;
      }
    }
    // Token features.
    let negated = false;
    let prev = 0;
    let prevStart = -1;
    for (const t of doc.tokens) {
      switch (t.type) {
        case 'word': {
          const stem = this.stem(t.alt ?? t.norm);
          if (EN_NEGATION.has(t.norm)) negated = true;
          const h = hashString(negated ? SEED_NEG_WORD : SEED_WORD, stem);
          this.push(finish(h, mask), t.nStart, t.nEnd, skipSpans);
          if (prevStart >= 0) this.push(finish(mix(mix(SEED_BIGRAM, prev), h), mask), prevStart, t.nEnd, skipSpans);
          prev = h;
          prevStart = t.nStart;
          break;
        }
        case 'han':
          // Chinese is covered by the character n-grams above, which do not depend on how the
          // segmenter (and the words a user lexicon teaches it) cut the text. Word features here
          // measured no better and cost time.
          prevStart = -1;
          break;
        case 'emoji':
        case 'emoticon':
          this.push(finish(hashString(SEED_OTHER, t.norm), mask), t.nStart, t.nEnd, skipSpans);
          break;
        case 'punct':
          if (t.norm === '!' || t.norm === '?') this.push(finish(hashString(SEED_OTHER, t.norm), mask), t.nStart, t.nEnd, skipSpans);
          negated = false;
          prevStart = -1;
          break;
        default:
          break;
      }
    }
    return this.count;
  }

  /**
   * The character n-grams of `extract` in scoring mode with nothing to skip
   * (every review without a caller's lexicon term): the same features and
   * sums as `push`, kept in locals and written back once. Runs for 3 of
   * every 4 features. It repeats extract()'s walk over Han runs on purpose:
   * sharing it through a callback or scratch arrays measured slower, and
   * test/sentiment-model.test.ts checks that the two give the same sums.
   */
  private scoreHanGrams(text: string): void {
    const weights = this.weights!;
    const levels = this.levels;
    const mask = this.mask;
    const cut = this.cut;
    const acc = this.acc;
    let before = acc[0]!;
    let after = acc[1]!;
    let max = acc[2]!;
    let maxStart = acc[3]!;
    let maxEnd = acc[4]!;
    let min = acc[5]!;
    let minStart = acc[6]!;
    let minEnd = acc[7]!;
    let count = 0;
    let c1 = -1;
    let c2 = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!isHanGramUnit(c)) {
        c1 = c2 = -1;
        continue;
      }
      // n = 1, 2, 3: the gram ending at i, when it fits in the run.
      for (let n = 1; n <= 3; n++) {
        let h: number;
        if (n === 1) h = mix(SEED_CHAR[1]!, c);
        else if (n === 2) {
          if (c1 < 0) break;
          h = mix(mix(SEED_CHAR[2]!, c1), c);
        } else {
          if (c2 < 0) break;
          h = mix(mix(mix(SEED_CHAR[3]!, c2), c1), c);
        }
        count++;
        const code = weights[finish(h, mask)]!;
        if (code === 0) continue;
        const w = levels[code + 128]!;
        const start = i + 1 - n;
        if (i + 1 <= cut) before += w;
        else after += w;
        if (w > max) {
          max = w;
          maxStart = start;
          maxEnd = i + 1;
        } else if (w < min) {
          min = w;
          minStart = start;
          minEnd = i + 1;
        }
      }
      c2 = c1;
      c1 = c;
    }
    acc[0] = before;
    acc[1] = after;
    acc[2] = max;
    acc[3] = maxStart;
    acc[4] = maxEnd;
    acc[5] = min;
    acc[6] = minStart;
    acc[7] = minEnd;
    this.count += count;
  }

  private push(index: number, start: number, end: number, skipSpans: number[] | null): void {
    if (skipSpans) for (let k = 0; k < skipSpans.length; k += 2) if (start < skipSpans[k + 1]! && end > skipSpans[k]!) return;
    const weights = this.weights;
    if (weights) {
      this.count++;
      const code = weights[index]!;
      if (code === 0) return;
      const w = this.levels[code + 128]!;
      const acc = this.acc;
      if (end <= this.cut) acc[0] = acc[0]! + w;
      else acc[1] = acc[1]! + w;
      if (w > acc[2]!) {
        acc[2] = w;
        acc[3] = start;
        acc[4] = end;
      } else if (w < acc[5]!) {
        acc[5] = w;
        acc[6] = start;
        acc[7] = end;
      }
      return;
    }
    if (this.count === this.index.length) this.grow();
    const n = this.count++;
    this.index[n] = index;
    this.spanEnd[n] = end;
  }

  private grow(): void {
    const size = this.index.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.index = copy(this.index);
    this.spanEnd = copy(this.spanEnd);
  }

  /**
   * Porter stem, cached: review vocabularies are small and stemming is not free.
   * Words over MAX_STEMMED_LENGTH letters are kept whole: no English word is that
   * long, and the stemmer's suffix regexes rescan the word per rule, so a crafted
   * 100k-letter "word" would cost seconds (issue 13). With the cap the cost per
   * word is bounded and the whole path is linear in the text.
   */
  private stem(word: string): string {
    if (word.length > MAX_STEMMED_LENGTH) return word;
    const cached = this.stems.get(word);
    if (cached !== undefined) return cached;
    const s = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    if (this.stems.size > 50_000) this.stems.clear();
    this.stems.set(word, s);
    return s;
  }
}

/** Longest word given to the stemmer (the longest English dictionary words are about 30 letters). */
const MAX_STEMMED_LENGTH = 40;
