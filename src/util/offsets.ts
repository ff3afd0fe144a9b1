/**
 * Offset maps: `map[i]` is the original index of normalised unit `i`, and
 * `map[length]` the original length. Shared by TriageDoc and the tokenizer.
 */

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
