import type { TriageDoc } from '../../pipeline/doc.js';
import type { Evidence } from '../../types.js';

/**
 * Same result as `doc.spanEvidence(nStart, nEnd, { source, rule, weight })`,
 * built without the object spread and the intermediate offsets object: this
 * runs for every opinion word of every review, and the spread version was
 * the stage's single largest cost in profiles.
 */
export function spanEvidence(doc: TriageDoc, nStart: number, nEnd: number, source: Evidence['source'], rule: string, weight?: number): Evidence {
  const map = doc.offsetMap;
  const last = map.length - 1;
  const start = map[nStart < last ? nStart : last]!;
  let end = start;
  if (nEnd > nStart) {
    const k = map[nEnd - 1 < last ? nEnd - 1 : last]!;
    end = k + charLength(doc.original, k);
  }
  const ev: Evidence = { source, rule, match: doc.original.slice(start, end), start, end };
  if (weight !== undefined) ev.weight = weight;
  return ev;
}

/** UTF-16 units of the character at `i` (2 for a surrogate pair, 0 past the end). */
function charLength(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
