import { z } from 'zod';
import type { TriageDoc } from '../kernel/doc.js';
import { defineBatchStage } from '../context/define.js';
import { NATURES, SENTIMENT_LABELS, SEVERITY_LEVELS, SPAM_KINDS, TOPICS } from '../types.js';
import type { BatchState } from '../context/batch-state.js';
import { dailySeries, publicDays } from './daily.js';
import { timestampMs } from '../kernel/review.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { NEGATIVE } from '../classify/slots.js';
import { SPAM } from '../spam/slots.js';
import { SEVERITY, SEVERITY_BASIS } from '../severity/slots.js';
import { complaintThemes } from './themes.js';
import { buildSlices } from './slices.js';
import type { Summary } from './types.js';

export const SummaryOptionsSchema = z
  .object({
    /** Complaint theme terms kept per topic. */
    themeTerms: z.number().int().min(0).max(100).default(10),
    /** A theme term must appear in at least this many negative reviews of its topic. */
    themeMinReviews: z.number().int().min(1).default(2),
    /** Positive reviews read to contrast complaint terms with (an even sample above this). */
    themeMaxPositives: z.number().int().min(1).default(20000),
    /** Offset of the merchant's time zone from UTC, for cutting days (e.g. 480 for China). */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    /** Meta keys to slice by as well as platform, productId, sku, country, channel and agent (e.g. a production batch). */
    sliceBy: z.array(z.string().trim().min(1)).default([]),
    /** A topic's lift in a slice is computed only with at least this many of the slice's reviews on it. */
    sliceMinSupport: z.number().int().min(1).default(3),
    /** Values kept per slice dimension (the most reviewed). */
    sliceMaxValues: z.number().int().min(1).default(50),
    /** Days of "this period" and of the previous one, per slice. */
    slicePeriodDays: z.number().int().min(1).default(7),
    /** Two-sided confidence of the slice intervals. */
    sliceConfidence: z.number().gt(0).lt(1).default(0.95),
  })
  .strict();

export type SummaryOptions = z.output<typeof SummaryOptionsSchema>;

/** Fills `BatchResult.summary`. */
export const summaryStage = defineBatchStage({
  name: 'summary',
  optionsSchema: SummaryOptionsSchema,
  reads: [SENTIMENT, NEGATIVE, SPAM, SEVERITY, SEVERITY_BASIS, 'tokens'],
  create(_ctx, options) {
    return {
      name: 'summary',
      run(state: BatchState) {
        state.result.summary = summarize(state.docs, options, state.times);
      },
    };
  },
});

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts, complaint themes, the per-day series and the slices of a batch. Linear in the total number of tokens. */
export function summarize(docs: readonly TriageDoc[], o: SummaryOptions, times: ReadonlyArray<number | null> = docs.map((d) => timestampMs(d.review.timestamp))): Summary {
  const sentiment = zeros(SENTIMENT_LABELS);
  const nature = zeros(NATURES);
  const topics = zeros(TOPICS);
  const severity = zeros(SEVERITY_LEVELS);
  const kinds = zeros(SPAM_KINDS);
  let spam = 0;
  for (const d of docs) {
    sentiment[d.get(SENTIMENT).label]++;
    severity[d.get(SEVERITY).level]++;
    const negative = d.get(NEGATIVE);
    if (negative) {
      nature[negative.nature]++;
      for (const t of negative.topics) topics[t]++;
    }
    const s = d.get(SPAM);
    if (s.isSpam) spam++;
    for (const k of s.kinds) kinds[k]++;
  }
  const { days, undated } = dailySeries(docs, times, o.utcOffsetMinutes);
  return {
    total: docs.length,
    sentiment,
    nature,
    topics,
    severity,
    spam: { total: spam, kinds },
    themes: o.themeTerms > 0 ? complaintThemes(docs, { topK: o.themeTerms, minReviews: o.themeMinReviews, maxPositives: o.themeMaxPositives }) : {},
    daily: publicDays(days),
    undated,
    slices: buildSlices(docs, times, {
      sliceBy: o.sliceBy,
      minSupport: o.sliceMinSupport,
      maxValues: o.sliceMaxValues,
      periodDays: o.slicePeriodDays,
      confidence: o.sliceConfidence,
      utcOffsetMinutes: o.utcOffsetMinutes,
    }),
  };
}
