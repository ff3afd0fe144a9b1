import type { TriageDoc } from '../kernel/doc.js';
import type { NormalizedReview } from '../kernel/review.js';
import { NEGATIVE } from '../classify/slots.js';
import { TOPICS, type Topic } from '../types.js';
import { dayOf, dayString, isNegative } from './docs.js';
import type { Slice, SlicePeriod, SliceTopic, SliceValue } from './types.js';

/** The review fields the summary always slices by (when some review has them). */
export const BUILTIN_SLICE_DIMENSIONS = ['platform', 'productId', 'sku', 'country', 'channel', 'agent'] as const;
const BUILTIN = new Set<string>(BUILTIN_SLICE_DIMENSIONS);

export interface SliceOptions {
  /** Meta keys sliced by as well (a built-in name reads the field, not meta). */
  sliceBy: readonly string[];
  /** A topic's lift is computed only when the slice has at least this many reviews with it. */
  minSupport: number;
  /** Values kept per dimension: the most reviewed ones (the rest are counted in `omitted`). */
  maxValues: number;
  /** Length in days of "this period" (ending on the latest dated review's day) and of the previous one. */
  periodDays: number;
  /** Two-sided confidence of the intervals (0.95 by default). */
  confidence: number;
  utcOffsetMinutes: number;
}

/** The slice value of a review for a dimension, or null when it has none. */
export function sliceValue(review: NormalizedReview, dimension: string): string | null {
  const v = BUILTIN.has(dimension) ? review[dimension as (typeof BUILTIN_SLICE_DIMENSIONS)[number]] : review.meta?.[dimension];
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** The standard normal quantile for a two-sided confidence (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(confidence: number): number {
  const p = 1 - (1 - confidence) / 2;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p > 0.97575) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Wilson score interval of a proportion k/n (null when n is 0). */
export function wilsonInterval(k: number, n: number, z: number): [number, number] | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Risk ratio (a/n1) / (c/n2) with the log-ratio (Katz) interval
 * exp(ln RR +- z * sqrt(1/a - 1/n1 + 1/c - 1/n2)); when a or c is 0, 0.5 is
 * added to both and 1 to both totals (Haldane-Anscombe), so the estimate stays finite.
 */
export function riskRatio(a: number, n1: number, c: number, n2: number, z: number): { ratio: number; interval: [number, number] } | null {
  if (n1 === 0 || n2 === 0) return null;
  if (a === 0 || c === 0) {
    a += 0.5;
    c += 0.5;
    n1 += 1;
    n2 += 1;
  }
  const ratio = a / n1 / (c / n2);
  const se = Math.sqrt(Math.max(0, 1 / a - 1 / n1 + 1 / c - 1 / n2));
  return { ratio, interval: [ratio * Math.exp(-z * se), ratio * Math.exp(z * se)] };
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

interface Acc {
  reviews: number;
  negative: number;
  rated: number;
  ratingSum: number;
  topics: Int32Array;
  current: [number, number];
  previous: [number, number];
}

const TOPIC_INDEX = new Map<Topic, number>(TOPICS.map((t, i) => [t, i]));

/**
 * `summary.slices`: per dimension (the built-in fields, then `sliceBy` meta
 * keys) and value: counts, negative rate with its Wilson interval, mean
 * rating, topic shares among the slice's negative reviews, each topic's lift
 * (its rate per review in the slice over its rate in every other review of
 * the batch, with a log-ratio interval) and this period against the
 * previous one. Values ranked by negative rate (more reviews first on a
 * tie). Dimensions no review has are left out. One pass per dimension.
 */
export function buildSlices(docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, o: SliceOptions): Record<string, Slice> {
  const z = normalQuantile(o.confidence);
  // Review topics and days once, shared by every dimension.
  const negative = docs.map((d) => isNegative(d));
  const topicsOf = docs.map((d, i) => (negative[i] ? (d.get(NEGATIVE)?.topics ?? []).map((t) => TOPIC_INDEX.get(t)!) : []));
  const days = times.map((t) => (t === null || t === undefined ? null : dayOf(t, o.utcOffsetMinutes)));
  let lastDay: number | null = null;
  for (const d of days) if (d !== null && (lastDay === null || d > lastDay)) lastDay = d;
  const batchTopics = new Int32Array(TOPICS.length);
  for (const ts of topicsOf) for (const t of ts) batchTopics[t]!++;

  const out: Record<string, Slice> = {};
  const dimensions = [...BUILTIN_SLICE_DIMENSIONS, ...o.sliceBy.filter((k) => !BUILTIN.has(k))];
  for (const dimension of [...new Set(dimensions)]) {
    const byValue = new Map<string, Acc>();
    let missing = 0;
    for (let i = 0; i < docs.length; i++) {
      const value = sliceValue(docs[i]!.review, dimension);
      if (value === null) {
        missing++;
        continue;
      }
      let acc = byValue.get(value);
      if (!acc) byValue.set(value, (acc = { reviews: 0, negative: 0, rated: 0, ratingSum: 0, topics: new Int32Array(TOPICS.length), current: [0, 0], previous: [0, 0] }));
      acc.reviews++;
      if (negative[i]) acc.negative++;
      for (const t of topicsOf[i]!) acc.topics[t]!++;
      const rating = docs[i]!.review.rating;
      if (rating !== undefined) {
        acc.rated++;
        acc.ratingSum += rating;
      }
      const day = days[i];
      if (day !== null && day !== undefined && lastDay !== null) {
        const back = lastDay - day;
        const bucket = back < o.periodDays ? acc.current : back < 2 * o.periodDays ? acc.previous : null;
        if (bucket) {
          bucket[0]++;
          if (negative[i]) bucket[1]++;
        }
      }
    }
    if (byValue.size === 0) continue;
    const kept = [...byValue].sort((x, y) => y[1].reviews - x[1].reviews || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).slice(0, o.maxValues);
    const values = kept.map(([value, acc]) => sliceEntry(value, acc, docs.length, batchTopics, lastDay, o, z));
    values.sort((x, y) => y.negativeRate - x.negativeRate || y.reviews - x.reviews || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
    out[dimension] = { values, missing, omitted: byValue.size - kept.length };
  }
  return out;
}

function sliceEntry(value: string, acc: Acc, total: number, batchTopics: Int32Array, lastDay: number | null, o: SliceOptions, z: number): SliceValue {
  const topics: SliceTopic[] = [];
  for (let t = 0; t < TOPICS.length; t++) {
    const a = acc.topics[t]!;
    if (a === 0) continue;
    const rr = a >= o.minSupport ? riskRatio(a, acc.reviews, batchTopics[t]! - a, total - acc.reviews, z) : null;
    topics.push({
      topic: TOPICS[t]!,
      reviews: a,
      share: round(a / acc.negative),
      lift: rr ? round(rr.ratio, 3) : null,
      interval: rr ? [round(rr.interval[0], 3), round(rr.interval[1], 3)] : null,
    });
  }
  topics.sort((x, y) => y.reviews - x.reviews || (y.lift ?? 0) - (x.lift ?? 0) || TOPIC_INDEX.get(x.topic)! - TOPIC_INDEX.get(y.topic)!);
  const wilson = wilsonInterval(acc.negative, acc.reviews, z)!;
  const period = (counts: [number, number], endBack: number): SlicePeriod | null => {
    if (lastDay === null) return null;
    return {
      from: dayString(lastDay - endBack - o.periodDays + 1),
      to: dayString(lastDay - endBack),
      reviews: counts[0],
      negative: counts[1],
      negativeRate: counts[0] ? round(counts[1] / counts[0]) : null,
    };
  };
  const current = period(acc.current, 0);
  const previous = period(acc.previous, o.periodDays);
  return {
    value,
    reviews: acc.reviews,
    negative: acc.negative,
    negativeRate: round(acc.negative / acc.reviews),
    negativeRateInterval: [round(wilson[0]), round(wilson[1])],
    rated: acc.rated,
    averageRating: acc.rated ? round(acc.ratingSum / acc.rated, 3) : null,
    topics,
    current,
    previous,
    negativeRateChange: current?.negativeRate != null && previous?.negativeRate != null ? round(current.negativeRate - previous.negativeRate) : null,
  };
}
