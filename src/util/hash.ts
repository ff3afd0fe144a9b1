/**
 * The hashes every module uses, in one place. They are part of stored data
 * (the sentiment model's feature buckets, LSH bucket keys), so changing one
 * changes results: keep them bit for bit.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One FNV-1a step: fold the integer x into the 32-bit state h. */
export function fnvStep(h: number, x: number): number {
  return Math.imul(h ^ x, FNV_PRIME);
}

/** 32-bit FNV-1a of a string's UTF-16 units, from a seed (0: plain FNV-1a). */
export function fnv1a(s: string, seed = 0): number {
  let h = seed ^ FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** An unfinalised 32-bit hash of two integers (golden-ratio and murmur multipliers); callers fold it as they need. */
export function pairHash(a: number, b: number): number {
  return Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
}

/** 32-bit mix of a few integers (murmur3 finaliser): well spread for MinHash and bucket keys. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A final avalanche of an FNV state, masked to a table size (the hashed feature buckets of the models). */
export function finishMasked(h: number, mask: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & mask;
}
