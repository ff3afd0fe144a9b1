import { z } from 'zod';
import type { TriageDoc } from '../kernel/doc.js';
import { defineBatchStage } from '../context/define.js';
import { LEVEL_RANK } from '../severity/levels.js';
import { SEVERITY_LEVELS } from '../types.js';
import type { BatchState } from '../context/batch-state.js';
import { isNegative } from './docs.js';
import { SEVERITY, SEVERITY_BASIS } from '../severity/slots.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { NEGATIVE } from '../classify/slots.js';
import { GROUP, MEMBERSHIP } from '../spam/slots.js';
import { reviewEcho, timestampMs } from '../kernel/review.js';
import type { QueueEntry } from './types.js';

export const QueueOptionsSchema = z
  .object({
    /** Leave out reviews below this level. */
    minLevel: z.enum(SEVERITY_LEVELS).default('low'),
    /** Leave out reviews that are not negative and not above `low` (praise needs no action). */
    onlyComplaints: z.boolean().default(true),
    /** Collapse members of one near-duplicate group (spam `cluster`) into one entry. */
    collapseGroups: z.boolean().default(true),
  })
  .strict();

export type QueueOptions = z.output<typeof QueueOptionsSchema>;

/** Fills `BatchResult.queue`. */
export const queueStage = defineBatchStage({
  name: 'queue',
  optionsSchema: QueueOptionsSchema,
  reads: [SEVERITY, GROUP, MEMBERSHIP, SENTIMENT, NEGATIVE, SEVERITY_BASIS],
  create(_ctx, options) {
    return {
      name: 'queue',
      run(state: BatchState) {
        state.result.queue = buildQueue(state.docs, options, state.times);
      },
    };
  },
});

/**
 * Orders reviews for a support team: severity score (highest first), then
 * the shorter response target, then the older review, then input order, so
 * the order is total and stable. O(n log n).
 */
export function buildQueue(docs: readonly TriageDoc[], o: QueueOptions, times: ReadonlyArray<number | null> = docs.map((d) => timestampMs(d.review.timestamp))): QueueEntry[] {
  const minRank = LEVEL_RANK[o.minLevel];
  const picked: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    const s = docs[i]!.get(SEVERITY);
    if (LEVEL_RANK[s.level] < minRank) continue;
    if (o.onlyComplaints && s.level === 'low' && !isNegative(docs[i]!)) continue;
    picked.push(i);
  }
  // Sort keys in typed arrays: the comparator runs n log n times.
  const score = new Float64Array(docs.length);
  const hours = new Float64Array(docs.length);
  const time = new Float64Array(docs.length);
  for (const i of picked) {
    score[i] = docs[i]!.get(SEVERITY).score;
    hours[i] = docs[i]!.get(SEVERITY).respondWithinHours ?? Infinity;
    time[i] = times[i] ?? Infinity;
  }
  picked.sort((a, b) => score[b]! - score[a]! || hours[a]! - hours[b]! || time[a]! - time[b]! || a - b);

  const out: QueueEntry[] = [];
  const groupEntry = new Map<string, QueueEntry>();
  for (const i of picked) {
    const doc = docs[i]!;
    const s = doc.get(SEVERITY);
    // Customers (a copied original, a systemic issue's reporters) each need their own answer: never collapsed.
    const role = doc.peek(MEMBERSHIP)?.role;
    const group = o.collapseGroups && role !== 'independent' && role !== 'reporter' ? (doc.peek(GROUP)?.id ?? null) : null;
    if (group !== null) {
      // Members arrive most urgent first, so the first one sets the entry's place and level.
      const existing = groupEntry.get(group);
      if (existing) {
        existing.members!.push(doc.review.id);
        continue;
      }
      const entry: QueueEntry = { id: doc.review.id, ...reviewEcho(doc.review, times[i] ?? null), level: s.level, score: s.score, respondWithinHours: s.respondWithinHours, group, members: [doc.review.id] };
      groupEntry.set(group, entry);
      out.push(entry);
    } else {
      out.push({ id: doc.review.id, ...reviewEcho(doc.review, times[i] ?? null), level: s.level, score: s.score, respondWithinHours: s.respondWithinHours });
    }
  }
  return out;
}
