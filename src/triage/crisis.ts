import type { TriageDoc } from '../kernel/doc.js';
import type { Day } from './daily.js';
import { dayOf, isNegative } from './docs.js';

/** Thresholds of the crisis rules (see the `alerts` stage options for the defaults and their meaning). */
export interface CrisisRules {
  minDailyReviews: number;
  coreProducts?: readonly string[] | undefined;
  coreProductsTop: number;
  coreNegativeRate: number;
  coreStreakDays: number;
  routineRateMin: number;
  routineRateMax: number;
  penaltyLineRate: number;
  penaltyWindowDays: number;
  utcOffsetMinutes: number;
}

/** A crisis finding before it is worded: the days, the measured rate and the reviews behind it. */
export interface CrisisFinding {
  fromDay: number;
  toDay: number;
  /** The rate the rule compares (the last day's, or the period's). */
  value: number;
  /** Days the finding counts (streak length, routine days, window length). */
  days: number;
  /** The product, or null for the whole shop. */
  product: string | null;
  evidence: number[];
}

// Thresholds are compared with a little slack so that 3/20 counts as 15 % despite floating point.
const EPS = 1e-9;

/** The product a review is about: its productId, else its sku, else null. */
export function productOf(doc: TriageDoc): string | null {
  return doc.review.productId ?? doc.review.sku ?? null;
}

/**
 * The products the level-2 rule watches: `coreProducts` when given, else
 * the `coreProductsTop` most reviewed (ties by id). When no review names a
 * product the shop as a whole is watched (`[null]`): a one-product shop.
 */
export function coreProductsOf(docs: readonly TriageDoc[], r: CrisisRules): Array<string | null> {
  if (r.coreProducts && r.coreProducts.length) return [...r.coreProducts];
  const volume = new Map<string, number>();
  for (const d of docs) {
    const p = productOf(d);
    if (p !== null) volume.set(p, (volume.get(p) ?? 0) + 1);
  }
  if (volume.size === 0) return [null];
  return [...volume]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, r.coreProductsTop)
    .map(([p]) => p);
}

/**
 * Level 2: a core product above `coreNegativeRate` negative on each of
 * `coreStreakDays` or more consecutive calendar days (each with at least
 * `minDailyReviews` of its reviews). One finding per streak, at its end;
 * the evidence is the product's negative reviews on the streak's days.
 */
export function coreProductStreaks(docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, r: CrisisRules): CrisisFinding[] {
  const watched = coreProductsOf(docs, r);
  const index = new Map(watched.map((p, i) => [p, i]));
  // Per watched product: day -> [reviews, negative, negative review indexes].
  const perProduct = watched.map(() => new Map<number, { reviews: number; negative: number; ids: number[] }>());
  for (let i = 0; i < docs.length; i++) {
    const t = times[i];
    if (t === null || t === undefined) continue;
    const k = index.get(watched[0] === null ? null : productOf(docs[i]!));
    if (k === undefined) continue;
    const day = dayOf(t, r.utcOffsetMinutes);
    const byDay = perProduct[k]!;
    let acc = byDay.get(day);
    if (!acc) byDay.set(day, (acc = { reviews: 0, negative: 0, ids: [] }));
    acc.reviews++;
    if (isNegative(docs[i]!)) {
      acc.negative++;
      acc.ids.push(i);
    }
  }
  const out: CrisisFinding[] = [];
  perProduct.forEach((byDay, k) => {
    const days = [...byDay.keys()].sort((a, b) => a - b);
    let start = -1;
    const flush = (end: number) => {
      if (start < 0) return;
      const n = end - start + 1;
      if (n >= r.coreStreakDays) {
        const last = byDay.get(days[end]!)!;
        const evidence = days.slice(start, end + 1).flatMap((d) => byDay.get(d)!.ids);
        out.push({ fromDay: days[start]!, toDay: days[end]!, value: last.negative / last.reviews, days: n, product: watched[k]!, evidence });
      }
      start = -1;
    };
    for (let j = 0; j < days.length; j++) {
      const acc = byDay.get(days[j]!)!;
      const above = acc.reviews >= r.minDailyReviews && acc.negative / acc.reviews > r.coreNegativeRate + EPS;
      const continues = start >= 0 && days[j]! === days[j - 1]! + 1;
      if (!above) {
        flush(j - 1);
        continue;
      }
      if (start >= 0 && !continues) flush(j - 1);
      if (start < 0) start = j;
    }
    flush(days.length - 1);
  });
  return out;
}

/**
 * Level 3: days (with at least `minDailyReviews` reviews) whose negative rate
 * is within the routine band [`routineRateMin`, `routineRateMax`]. One
 * finding for the batch, spanning the first to the last such day.
 */
export function routineDays(days: readonly Day[], r: CrisisRules): CrisisFinding | null {
  const hit = days.filter((d) => d.reviews >= r.minDailyReviews && d.negativeRate >= r.routineRateMin - EPS && d.negativeRate <= r.routineRateMax + EPS);
  if (!hit.length) return null;
  let neg = 0;
  let n = 0;
  for (const d of hit) {
    neg += d.negative;
    n += d.reviews;
  }
  return { fromDay: hit[0]!.day, toDay: hit[hit.length - 1]!.day, value: neg / n, days: hit.length, product: null, evidence: [] };
}

/**
 * The platform penalty line: the negative rate over the last
 * `penaltyWindowDays` calendar days (ending on the latest dated day) at or
 * above `penaltyLineRate`, with at least `minDailyReviews` reviews in the window.
 */
export function penaltyLine(days: readonly Day[], r: CrisisRules): CrisisFinding | null {
  if (!days.length) return null;
  const toDay = days[days.length - 1]!.day;
  const fromDay = toDay - r.penaltyWindowDays + 1;
  let neg = 0;
  let n = 0;
  let first = toDay;
  for (const d of days) {
    if (d.day < fromDay) continue;
    neg += d.negative;
    n += d.reviews;
    first = Math.min(first, d.day);
  }
  if (n < r.minDailyReviews || neg / n < r.penaltyLineRate - EPS) return null;
  return { fromDay: first, toDay, value: neg / n, days: toDay - first + 1, product: null, evidence: [] };
}
