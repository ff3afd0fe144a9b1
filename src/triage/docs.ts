export { reviewTimes } from '../spam/batch/time.js';
import type { TriageDoc } from '../kernel/doc.js';
import { severityState } from '../severity/policy.js';

/**
 * A negative review for counts and rates: negative sentiment, a classified
 * complaint, or (without a sentiment stage) what the severity stage judged a
 * complaint.
 */
export function isNegative(doc: TriageDoc): boolean {
  return doc.sentiment.label === 'negative' || doc.negative !== null || severityState(doc)?.complaint === true;
}

const DAY = 86_400_000;

/** Day number (days since 1970-01-01 in the given offset) of an epoch ms. */
export function dayOf(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY);
}

export function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
