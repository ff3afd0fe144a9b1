import type { DailyPoint } from '../triage/types.js';
import { NATURES, SEVERITY_LEVELS, SPAM_KINDS, TOPICS, type Nature, type SeverityLevel, type SpamKind, type Topic } from '../types.js';
import type { ReportContext } from './context.js';
import { dayLabel, dayNumber } from './model.js';

export interface Counts {
  total: number;
  negative: number;
  nature: Record<Nature, number>;
  topics: Record<Topic, number>;
  severity: Record<SeverityLevel, number>;
  spamTotal: number;
  spamKinds: Record<SpamKind, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Label counts. Taken from the rows (not `summary`) so the report also works
 * when the summary stage was disabled, and always agrees with the queue.
 */
export function countLabels(ctx: ReportContext): Counts {
  const c: Counts = { total: ctx.rows.length, negative: 0, nature: zeros(NATURES), topics: zeros(TOPICS), severity: zeros(SEVERITY_LEVELS), spamTotal: 0, spamKinds: zeros(SPAM_KINDS) };
  for (const r of ctx.rows) {
    const a = r.item;
    if (r.negative) c.negative++;
    if (a.negative) {
      if (a.negative.nature in c.nature) c.nature[a.negative.nature]++;
      for (const t of a.negative.topics ?? []) if (t in c.topics) c.topics[t]++;
    }
    if (a.severity && a.severity.level in c.severity) c.severity[a.severity.level]++;
    if (a.spam?.isSpam) c.spamTotal++;
    for (const k of a.spam?.kinds ?? []) if (k in c.spamKinds) c.spamKinds[k]++;
  }
  return c;
}

/** The day series: the summary's when present (cut as the analysis cut it), else built from the rows. */
export function dailyPoints(ctx: ReportContext): DailyPoint[] {
  const fromSummary = ctx.result.summary?.daily;
  if (Array.isArray(fromSummary) && fromSummary.length) return fromSummary;
  const byDay = new Map<number, { reviews: number; negative: number; rated: number; sum: number }>();
  for (const r of ctx.rows) {
    if (r.time === null) continue;
    const d = dayNumber(r.time, ctx.o.utcOffsetMinutes);
    let a = byDay.get(d);
    if (!a) byDay.set(d, (a = { reviews: 0, negative: 0, rated: 0, sum: 0 }));
    a.reviews++;
    if (r.negative) a.negative++;
    if (r.rating !== null) {
      a.rated++;
      a.sum += r.rating;
    }
  }
  return [...byDay.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([d, a]) => ({ date: dayLabel(d), reviews: a.reviews, negative: a.negative, negativeRate: a.negative / a.reviews, rated: a.rated, averageRating: a.rated ? a.sum / a.rated : null }));
}

export function pct(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}
