import { mix32 } from '../../util/hash.js';

/**
 * MinHash signatures and banded locality-sensitive hashing. Two texts whose
 * shingle sets have Jaccard similarity s share at least one band with
 * probability 1 - (1 - s^rows)^bands; only those pairs are ever compared, so
 * the work grows with the number of texts, not with its square.
 */
export class MinHashLsh {
  readonly hashes: number;
  private readonly mulA: Uint32Array;
  private readonly addB: Uint32Array;

  constructor(
    readonly bands: number,
    readonly rows: number,
    seed: number,
  ) {
    this.hashes = bands * rows;
    this.mulA = new Uint32Array(this.hashes);
    this.addB = new Uint32Array(this.hashes);
    let s = seed >>> 0 || 1;
    for (let i = 0; i < this.hashes; i++) {
      s = mix32(s + 0x9e3779b9);
      this.mulA[i] = s | 1; // odd multipliers keep the map a bijection on 32 bits
      s = mix32(s + 0x9e3779b9);
      this.addB[i] = s;
    }
  }

  /** Writes the signature of a shingle set to `sig[at .. at + hashes)`. */
  sign(shingles: Uint32Array, count: number, sig: Uint32Array, at: number): void {
    const m = this.hashes;
    for (let i = 0; i < m; i++) sig[at + i] = 0xffffffff;
    for (let j = 0; j < count; j++) {
      const h = shingles[j]!;
      for (let i = 0; i < m; i++) {
        // Multiply-add then a cheap xor-shift: a fresh permutation per i at two multiplications.
        let v = (Math.imul(h, this.mulA[i]!) + this.addB[i]!) | 0;
        v = (v ^ (v >>> 15)) >>> 0;
        if (v < sig[at + i]!) sig[at + i] = v;
      }
    }
  }

  /**
   * Calls `onBucket(members, count)` for every band bucket holding 2+ items.
   * `members` is a reused buffer of item indices in ascending order.
   * `maxSorted` (tests only) lowers the size at which the Map path takes over.
   */
  buckets(sig: Uint32Array, items: number, onBucket: (members: Int32Array, count: number) => void, maxSorted = PACK): void {
    const members = new Int32Array(items);
    for (let b = 0; b < this.bands; b++) {
      if (items < Math.min(maxSorted, PACK)) this.bandBySort(sig, items, b, members, onBucket);
      else this.bandByMap(sig, items, b, members, onBucket);
    }
  }

  /** The bucket key of item `it` in band `b` (the monitor keeps buckets between runs). */
  bandKey(sig: Uint32Array, it: number, b: number): number {
    let h = 0x2545f491 ^ b;
    const base = it * this.hashes + b * this.rows;
    for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ sig[base + r]!, 0x01000193);
    return mix32(h);
  }

  /** Up to 2^21 items: bucket key and item packed in one double, one typed-array sort per band. */
  private bandBySort(sig: Uint32Array, items: number, b: number, members: Int32Array, onBucket: (m: Int32Array, n: number) => void): void {
    const keys = new Float64Array(items);
    for (let it = 0; it < items; it++) keys[it] = this.bandKey(sig, it, b) * PACK + it;
    keys.sort();
    let runStart = 0;
    for (let i = 1; i <= items; i++) {
      if (i < items && Math.floor(keys[i]! / PACK) === Math.floor(keys[runStart]! / PACK)) continue;
      const count = i - runStart;
      if (count >= 2) {
        for (let k = 0; k < count; k++) members[k] = keys[runStart + k]! % PACK;
        onBucket(members, count);
      }
      runStart = i;
    }
  }

  /** Larger batches: a Map per band (slower, no size limit). */
  private bandByMap(sig: Uint32Array, items: number, b: number, members: Int32Array, onBucket: (m: Int32Array, n: number) => void): void {
    const byKey = new Map<number, number[]>();
    for (let it = 0; it < items; it++) {
      const key = this.bandKey(sig, it, b);
      const list = byKey.get(key);
      if (list) list.push(it);
      else byKey.set(key, [it]);
    }
    for (const list of byKey.values()) {
      if (list.length < 2) continue;
      for (let k = 0; k < list.length; k++) members[k] = list[k]!;
      onBucket(members, list.length);
    }
  }
}

/** Items per packed sort key: 2^21, leaving 32 bits for the bucket key inside a double's 53. */
const PACK = 0x200000;
