import type { Day } from '../triage/daily.js';
import { baselineOf, type SeriesRules } from '../triage/series.js';

/**
 * Per day, the negative rate at which the `negative_rate_spike` alert fires:
 * the trailing baseline rate raised by `negativeRateRise` and by at least
 * `minRateIncrease`; null where the baseline has too few qualifying days
 * (no alert could fire there). Same windowing as the alerts stage.
 */
export function negativeRateThresholds(days: readonly Day[], r: SeriesRules): Array<number | null> {
  return days.map((_d, i) => {
    const base = baselineOf(days, i, r, (x) => x.reviews >= r.minDailyReviews);
    if (base.length < r.minBaselineDays) return null;
    const b = base.reduce((s, x) => s + x.negative, 0) / base.reduce((s, x) => s + x.reviews, 0);
    return Math.max(b * (1 + r.negativeRateRise), b + r.minRateIncrease);
  });
}

/** Per day, the review-weighted trailing average rating the `rating_drop` alert compares with; null as above. */
export function ratingBaselines(days: readonly Day[], r: SeriesRules): Array<number | null> {
  const enough = (x: Day) => x.rated >= r.minDailyReviews && x.averageRating !== null;
  return days.map((_d, i) => {
    const base = baselineOf(days, i, r, enough);
    if (base.length < r.minBaselineDays) return null;
    return base.reduce((s, x) => s + x.averageRating! * x.rated, 0) / base.reduce((s, x) => s + x.rated, 0);
  });
}
