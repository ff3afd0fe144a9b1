import type { TriageDoc } from '../kernel/doc.js';
import { dayOf, dayString, isNegative } from './docs.js';
import type { DailyPoint } from './types.js';

/** A day of the series with its day number, for calendar arithmetic. */
export interface Day extends DailyPoint {
  day: number;
}

/**
 * Per-day counts, negative rate and mean rating of reviews with a usable
 * timestamp, oldest first. One pass plus a sort of the distinct days.
 */
export function dailySeries(docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, utcOffsetMinutes: number): { days: Day[]; undated: number } {
  const byDay = new Map<number, { reviews: number; negative: number; rated: number; ratingSum: number }>();
  let undated = 0;
  for (let i = 0; i < docs.length; i++) {
    const t = times[i];
    if (t === null || t === undefined) {
      undated++;
      continue;
    }
    const day = dayOf(t, utcOffsetMinutes);
    let acc = byDay.get(day);
    if (!acc) byDay.set(day, (acc = { reviews: 0, negative: 0, rated: 0, ratingSum: 0 }));
    acc.reviews++;
    if (isNegative(docs[i]!)) acc.negative++;
    const rating = docs[i]!.review.rating;
    if (rating !== undefined) {
      acc.rated++;
      acc.ratingSum += rating;
    }
  }
  const days = [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, a]) => ({
      day,
      date: dayString(day),
      reviews: a.reviews,
      negative: a.negative,
      negativeRate: a.negative / a.reviews,
      rated: a.rated,
      averageRating: a.rated ? a.ratingSum / a.rated : null,
    }));
  return { days, undated };
}

/** Days as the public shape (without the internal day number). */
export function publicDays(days: readonly Day[]): DailyPoint[] {
  return days.map(({ day: _day, ...rest }) => rest);
}
