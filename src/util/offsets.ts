/**
 * Offset maps: `map[i]` is the original index of normalised unit `i`, and
 * `map[length]` the original length. Shared by TriageDoc and the tokenizer.
 */

/**
 * The identity map, as a view of one shared, growing array: most reviews
 * normalise without moving any offset, and allocating a typed array per
 * review cost more than the rest of normalising. Nothing writes into
 * offset maps (they are replaced whole), so sharing is safe.
 */
let identity = new Int32Array(0);
/** One view per length, made once: most reviews are short, and a view is an allocation. */
const VIEW_CACHE_LENGTH = 4096;
let views: Array<Int32Array | undefined> = [];

export function identityMap(n: number): Int32Array {
  if (identity.length < n + 1) {
    identity = new Int32Array(Math.max(n + 1, identity.length * 2, VIEW_CACHE_LENGTH + 1));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
    views = [];
  }
  if (n < VIEW_CACHE_LENGTH) return (views[n] ??= identity.subarray(0, n + 1));
  return identity.subarray(0, n + 1);
}

/**
 * True when `map` is known to be the identity (a view of the shared array),
 * so callers may skip the mapping. False only costs speed: a map that
 * happens to be the identity still maps correctly.
 */
export function isIdentityMap(map: Int32Array): boolean {
  const n = map.length - 1;
  return n >= 0 && n < VIEW_CACHE_LENGTH ? views[n] === map : map.buffer === identity.buffer;
}

/** Original start of a normalised position. */
export function mapStart(map: Int32Array, nStart: number): number {
  const last = map.length - 1;
  return map[nStart < last ? (nStart > 0 ? nStart : 0) : last]!;
}

/** Original end of a normalised span: through its last unit, so units dropped after it stay outside. */
export function mapEnd(map: Int32Array, original: string, nStart: number, nEnd: number, start: number): number {
  if (nEnd <= nStart) return start;
  const last = map.length - 1;
  const k = map[nEnd - 1 < last ? nEnd - 1 : last]!;
  const end = k + charLenAt(original, k);
  return end > start ? end : start;
}

/** UTF-16 units of the character at `i` (2 for a surrogate pair, 0 past the end). */
export function charLenAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
