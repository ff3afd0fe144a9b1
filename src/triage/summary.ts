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

/** Counts, complaint themes and the per-day series of a batch. Linear in the total number of tokens. */
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
  };
}
