import type { BatchResult } from '../context/batch-result.js';
import type { BatchState } from '../context/batch-state.js';
import type { BatchStage } from '../context/define.js';
import type { TriageDoc } from '../kernel/doc.js';
import { timestampMs } from '../kernel/review.js';
import type { Stage } from '../kernel/stage.js';
import type { Analysis } from '../types.js';

/**
 * The batch part of analyzeBatch, in three steps so every output field has
 * one owner:
 * 1. `facts` stages (cluster, flood, escalation) record what only the whole
 *    batch shows, in batch-fact slots; they write no result field;
 * 2. each per-review stage with a `redecide` re-runs its decision on the
 *    docs that received a fact, in pipeline order (nature, then spam, then
 *    severity with its reasons and actions), so they agree with each other;
 * 3. `report` stages (queue, summary, alerts) read the final results.
 */
export function runBatch(
  docs: TriageDoc[],
  stages: readonly BatchStage[],
  perReview: readonly Stage[],
  options: Record<string, unknown>,
  project: (doc: TriageDoc, ms: number | null) => Analysis,
): BatchResult {
  const result: BatchResult = { items: [] };
  // Times are parsed once here: every batch stage that places reviews in time reads these.
  const times = docs.map((d) => timestampMs(d.review.timestamp));
  const state: BatchState = { reviews: docs.map((d) => d.review), docs, times, result, options };
  for (const stage of stages) if (stage.phase === 'facts') stage.run(state);
  const redeciders = perReview.filter((s) => typeof s.redecide === 'function');
  for (const doc of docs) {
    if (!doc.hasBatchFacts) continue;
    for (const s of redeciders) s.redecide!(doc);
  }
  for (const stage of stages) if (stage.phase !== 'facts') stage.run(state);
  result.items = docs.map((d, i) => project(d, times[i]!));
  return result;
}
