import { pairHash } from './hash.js';

/**
 * Bitmaps over small integer keys (UTF-16 units, 16-bit hashes), as
 * Uint32Arrays: the hot paths test a bit before any string is sliced or
 * hashed, and an 8 KiB bitmap stays in cache where a table of values does not.
 */

/** A bitmap able to hold keys 0..size-1. */
export function bitmap(size: number): Uint32Array {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Uint32Array, k: number): void {
  bits[k >>> 5]! |= 1 << (k & 31);
}

export function hasBit(bits: Uint32Array, k: number): boolean {
  return (bits[k >>> 5]! & (1 << (k & 31))) !== 0;
}

/** Set bits in a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * A 16-bit hash of the shape of s[from, to): its length, first and last
 * UTF-16 unit. Strings of different shapes share a key only by collision,
 * so a bitmap of the shapes of a term list rejects most strings not in it.
 */
export function shapeKey(s: string, from = 0, to = s.length): number {
  const h = pairHash(s.charCodeAt(from), s.charCodeAt(to - 1)) ^ Math.imul(to - from, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0xffff;
}
