import type { SpamKind } from '../types.js';
import { SPAM_KINDS } from '../types.js';

/**
 * How much one fired kind alone says "this is spam" (0..1). Advertising,
 * gibberish, copies and floods are spam on their own; a template or an
 * off-topic remark is only a sign (it stays below the default threshold 0.5
 * unless something else joins it).
 */
export const KIND_CONFIDENCE: Record<SpamKind, number> = {
  advertising: 0.9,
  duplicate: 0.8,
  flood: 0.7,
  gibberish: 0.75,
  template: 0.45,
  irrelevant: 0.3,
};

/** Noisy-or of the fired kinds plus `partial` (evidence that did not fire a kind), rounded for stable output. */
export function combineScore(kinds: readonly SpamKind[], partial = 0): number {
  let keep = 1 - Math.min(Math.max(partial, 0), 0.45);
  for (const k of kinds) keep *= 1 - KIND_CONFIDENCE[k];
  return Math.round((1 - keep) * 1000) / 1000;
}

/** Kinds in taxonomy order, so output does not depend on detection order. */
export function orderKinds(kinds: Iterable<SpamKind>): SpamKind[] {
  // Most reviews have no kind at all: no Set for them.
  if (Array.isArray(kinds) && kinds.length < 2) return kinds.slice();
  const set = new Set(kinds);
  return SPAM_KINDS.filter((k) => set.has(k));
}

/** A copy of `kinds` with `kind` added in taxonomy order. */
function insertKind(kinds: readonly SpamKind[], kind: SpamKind): SpamKind[] {
  const rank = SPAM_KINDS.indexOf(kind);
  const out: SpamKind[] = [];
  let placed = false;
  for (const k of kinds) {
    if (!placed && SPAM_KINDS.indexOf(k) > rank) {
      out.push(kind);
      placed = true;
    }
    out.push(k);
  }
  if (!placed) out.push(kind);
  return out;
}

/** Default isSpam cut-off on the score (the spam stage's `threshold` option). */
export const DEFAULT_SPAM_THRESHOLD = 0.5;

/** Kinds in taxonomy order with `kind` added (a copy). */
export function withKind(kinds: readonly SpamKind[], kind: SpamKind): SpamKind[] {
  return kinds.includes(kind) ? kinds.slice() : insertKind(kinds, kind);
}
