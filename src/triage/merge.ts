import type { DailyPoint, Summary, ThemeTerm } from './types.js';

/**
 * The summary of two runs over disjoint reviews (streaming windows): counts
 * add up, per-day points of the same date are combined from their sums, and
 * complaint themes are re-ranked on summed scores (an approximation: a
 * theme's lift is not additive, see docs/scale.md).
 */
export function mergeSummaries(a: Summary, b: Summary, themeTerms = 10): Summary {
  const out = addCounts(a, b) as Summary;
  out.daily = mergeDaily(a.daily, b.daily);
  out.themes = mergeThemes(a.themes, b.themes, themeTerms);
  return out;
}

/** Numbers add, objects recurse key by key; other fields (arrays) are taken from `a` and replaced by the caller. */
function addCounts(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      out[k] = x === undefined ? y : y === undefined ? x : addCounts(x, y);
    }
    return out;
  }
  return a;
}

function mergeDaily(a: readonly DailyPoint[], b: readonly DailyPoint[]): DailyPoint[] {
  const byDate = new Map<string, { reviews: number; negative: number; rated: number; ratingSum: number }>();
  for (const p of [...a, ...b]) {
    const acc = byDate.get(p.date) ?? { reviews: 0, negative: 0, rated: 0, ratingSum: 0 };
    acc.reviews += p.reviews;
    acc.negative += p.negative;
    acc.rated += p.rated;
    acc.ratingSum += (p.averageRating ?? 0) * p.rated;
    byDate.set(p.date, acc);
  }
  return [...byDate.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([date, s]) => ({ date, reviews: s.reviews, negative: s.negative, negativeRate: s.negative / s.reviews, rated: s.rated, averageRating: s.rated ? s.ratingSum / s.rated : null }));
}

function mergeThemes(a: Summary['themes'], b: Summary['themes'], topK: number): Summary['themes'] {
  const out: Summary['themes'] = {};
  for (const topic of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Summary['themes']>) {
    const byTerm = new Map<string, ThemeTerm>();
    for (const t of [...(a[topic] ?? []), ...(b[topic] ?? [])]) {
      const seen = byTerm.get(t.term);
      if (seen) byTerm.set(t.term, { term: t.term, score: Math.round((seen.score + t.score) * 1000) / 1000, reviews: seen.reviews + t.reviews });
      else byTerm.set(t.term, { ...t });
    }
    const ranked = [...byTerm.values()].sort((x, y) => y.score - x.score || y.reviews - x.reviews || (x.term < y.term ? -1 : 1));
    if (ranked.length) out[topic] = ranked.slice(0, topK);
  }
  return out;
}
