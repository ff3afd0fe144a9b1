import { mix32 } from './shingles.js';

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
   * Items must number fewer than 2^21 (keys are packed into doubles).
   */
  buckets(sig: Uint32Array, items: number, onBucket: (members: Int32Array, count: number) => void): void {
    if (items >= 0x200000) throw new RangeError('MinHashLsh.buckets: at most 2,097,151 distinct texts per batch');
    const keys = new Float64Array(items);
    const members = new Int32Array(items);
    const m = this.hashes;
    for (let b = 0; b < this.bands; b++) {
      for (let it = 0; it < items; it++) {
        let h = 0x2545f491 ^ b;
        const base = it * m + b * this.rows;
        for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ sig[base + r]!, 0x01000193);
        keys[it] = mix32(h) * 0x200000 + it; // bucket key in the high bits, item in the low 21
      }
      keys.sort();
      let runStart = 0;
      for (let i = 1; i <= items; i++) {
        const sameKey = i < items && Math.floor(keys[i]! / 0x200000) === Math.floor(keys[runStart]! / 0x200000);
        if (sameKey) continue;
        const count = i - runStart;
        if (count >= 2) {
          for (let k = 0; k < count; k++) members[k] = keys[runStart + k]! % 0x200000;
          onBucket(members, count);
        }
        runStart = i;
      }
    }
  }
}
