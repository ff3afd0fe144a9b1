import type { Day } from './daily.js';

/** Thresholds of the daily-series alerts (see the `alerts` stage options). */
export interface SeriesRules {
  ratingDropOrange: number;
  ratingDropRed: number;
  baselineDays: number;
  minBaselineDays: number;
  minDailyReviews: number;
  declineStreakDays: number;
  declineStep: number;
  negativeRateRise: number;
  minRateIncrease: number;
}

/** A finding on the daily series, before it is worded as an alert. */
export interface SeriesFinding {
  kind: 'rating_drop' | 'rating_decline_streak' | 'negative_rate_spike';
  level: 'red' | 'orange' | 'level-1';
  /** Day numbers of the first and last day the finding covers. */
  fromDay: number;
  toDay: number;
  value: number;
  baseline: number;
}

// Thresholds are compared with a little slack so 4.0 - 3.7 counts as a 0.3 drop despite floating point.
const EPS = 1e-9;

/** The trailing days before `i` (within `baselineDays` calendar days) that have enough reviews. */
export function baselineOf(days: readonly Day[], i: number, r: SeriesRules, enough: (d: Day) => boolean): Day[] {
  const out: Day[] = [];
  for (let j = i - 1; j >= 0 && days[j]!.day >= days[i]!.day - r.baselineDays; j--) if (enough(days[j]!)) out.push(days[j]!);
  return out;
}

/**
 * Average daily rating against the trailing baseline (the review-weighted
 * mean of the previous `baselineDays` days): a drop of `ratingDropOrange`
 * or more is orange, `ratingDropRed` or more red.
 */
export function ratingDrops(days: readonly Day[], r: SeriesRules): SeriesFinding[] {
  const out: SeriesFinding[] = [];
  const enough = (d: Day) => d.rated >= r.minDailyReviews && d.averageRating !== null;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (!enough(d)) continue;
    const base = baselineOf(days, i, r, enough);
    if (base.length < r.minBaselineDays) continue;
    let sum = 0;
    let n = 0;
    for (const b of base) {
      sum += b.averageRating! * b.rated;
      n += b.rated;
    }
    const baseline = sum / n;
    const drop = baseline - d.averageRating!;
    const level = drop >= r.ratingDropRed - EPS ? 'red' : drop >= r.ratingDropOrange - EPS ? 'orange' : null;
    if (level) out.push({ kind: 'rating_drop', level, fromDay: d.day, toDay: d.day, value: d.averageRating!, baseline });
  }
  return out;
}

/**
 * `declineStreakDays` consecutive calendar days, each with an average
 * rating at least `declineStep` below the day before: orange, once per
 * streak (reported when the streak ends).
 */
export function declineStreaks(days: readonly Day[], r: SeriesRules): SeriesFinding[] {
  const out: SeriesFinding[] = [];
  const rated = days.filter((d) => d.rated >= r.minDailyReviews && d.averageRating !== null);
  let streak = 0;
  const flush = (end: number) => {
    if (streak >= r.declineStreakDays) {
      const first = rated[end - streak]!;
      const last = rated[end]!;
      out.push({ kind: 'rating_decline_streak', level: 'orange', fromDay: first.day, toDay: last.day, value: last.averageRating!, baseline: first.averageRating! });
    }
  };
  for (let i = 1; i < rated.length; i++) {
    const prev = rated[i - 1]!;
    const cur = rated[i]!;
    const declined = cur.day === prev.day + 1 && prev.averageRating! - cur.averageRating! >= r.declineStep - EPS;
    if (declined) streak++;
    else {
      flush(i - 1);
      streak = 0;
    }
  }
  if (rated.length) flush(rated.length - 1);
  return out;
}

/**
 * Daily negative-review rate at least `negativeRateRise` (0.5 = 50 %) above
 * the trailing baseline rate, and at least `minRateIncrease` above it in
 * absolute terms (so 1 % -> 2 % does not page anyone): a level-1 alert.
 */
export function negativeRateSpikes(days: readonly Day[], r: SeriesRules): SeriesFinding[] {
  const out: SeriesFinding[] = [];
  const enough = (d: Day) => d.reviews >= r.minDailyReviews;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (!enough(d)) continue;
    const base = baselineOf(days, i, r, enough);
    if (base.length < r.minBaselineDays) continue;
    let neg = 0;
    let n = 0;
    for (const b of base) {
      neg += b.negative;
      n += b.reviews;
    }
    const baseline = neg / n;
    const rate = d.negativeRate;
    if (rate >= baseline * (1 + r.negativeRateRise) - EPS && rate - baseline >= r.minRateIncrease - EPS) {
      out.push({ kind: 'negative_rate_spike', level: 'level-1', fromDay: d.day, toDay: d.day, value: rate, baseline });
    }
  }
  return out;
}
