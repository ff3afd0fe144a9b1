import { mix32 } from '../../util/hash.js';
import { isHan } from '../../util/chars.js';

/**
 * Turns a normalised review into the character sequence that near-duplicate
 * detection compares, and that sequence into hashed k-character shingles.
 *
 * `doc.normalized` already folds full-width, traditional, zero-width and
 * spaced-out tricks; here we also drop everything that is not a letter or a
 * digit (punctuation swaps, emoji, spacing), lower-case Latin, and drop filler
 * particles and adverbs posters sprinkle in to make copies differ.
 */

// Single-character particles that carry no content.
const FILLER_CHARS = new Set([...'的了啊呢吧哈呀嘛哦噢喔哇啦么吗呐哟嗯'].map((c) => c.codePointAt(0)!));
// Two-character fillers, as (first << 16 | second) for the BMP.
const FILLER_PAIRS = new Set(
  ['真的', '非常', '简直', '其实', '确实', '真是', '实在', '特别', '超级', '大家', '姐妹', '亲们', '注意', '避雷'].map(
    (w) => (w.charCodeAt(0) << 16) | w.charCodeAt(1),
  ),
);

function isLetterOrDigit(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  if (isHan(cp)) return true;
  if (cp >= 0x10000) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  // BMP answers are cached: 0 unknown, 1 yes, 2 no (CJK punctuation is the common case).
  let known = BMP_CLASS[cp]!;
  if (known === 0) BMP_CLASS[cp] = known = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
  return known === 1;
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const BMP_CLASS = new Uint8Array(0x10000);

export interface Compacted {
  /** Letters and digits of the text, before fillers are dropped (the "too short to be a campaign" measure). */
  alnum: number;
  /** Length of the kept sequence in `buffer`. */
  length: number;
  /** Hash of the text's long digit runs (5+ digits: ids, phone numbers, links), 0 when it has none. */
  digits: number;
}

/**
 * Writes the comparison sequence of `text` into `buffer` (code points) and
 * returns its length. `buffer` must hold at least text.length entries.
 */
export function compact(text: string, buffer: Int32Array): Compacted {
  let n = 0;
  let alnum = 0;
  let digits = 0;
  let run = 0;
  let runHash = 0;
  const endRun = (): void => {
    if (run >= 5) digits = (Math.imul(digits ^ runHash, 0x01000193) >>> 0) || 1;
    run = 0;
    runHash = 0;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (cp >= 0x30 && cp <= 0x39) {
      run++;
      runHash = Math.imul(runHash ^ cp, 0x5bd1e995) + 1;
    } else endRun();
    if (!isLetterOrDigit(cp)) continue;
    alnum++;
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    if (n > 0 && FILLER_PAIRS.has((buffer[n - 1]! << 16) | cp)) {
      n--; // drop the pair's first half too
      continue;
    }
    if (FILLER_CHARS.has(cp)) continue;
    buffer[n++] = cp;
  }
  endRun();
  return { alnum, length: n, digits };
}



/**
 * Hashed shingles of `seq[0..length)`, sorted and unique, written to `out`
 * from 0; returns how many. Sequences shorter than k give one shingle of the
 * whole sequence so that very short texts still compare.
 */
export function shingles(seq: Int32Array, length: number, k: number, out: Uint32Array): number {
  if (length === 0) return 0;
  let n = 0;
  const last = Math.max(0, length - k);
  for (let i = 0; i <= last; i++) {
    let h = 0x9747b28c;
    const end = Math.min(i + k, length);
    for (let j = i; j < end; j++) h = Math.imul(h ^ seq[j]!, 0x01000193);
    out[n++] = mix32(h);
  }
  const view = out.subarray(0, n);
  view.sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || view[i] !== view[u - 1]) view[u++] = view[i]!;
  return u;
}

/**
 * Exact-copy detection before MinHash: an open-addressing table keyed by two
 * independent 32-bit hashes of the whole sequence (a false match needs both
 * to collide). Typed arrays, so no per-text allocation.
 */
export class FingerprintTable {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The value stored for the sequence, or stores `value` and returns -1. */
  getOrAdd(seq: Int32Array, length: number, value: number): number {
    let a = 0x811c9dc5;
    let b = 0x01234567 ^ length;
    for (let i = 0; i < length; i++) {
      a = Math.imul(a ^ seq[i]!, 0x01000193);
      b = Math.imul(b ^ seq[i]!, 0x5bd1e995) + 0x1b873593;
    }
    const hi = mix32(a);
    const lo = mix32(b);
    for (let slot = hi & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.values[slot]!;
      if (v === -1) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.values[slot] = value;
        return -1;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) return v;
    }
  }
}

/** |A ∩ B| for two sorted unique arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
