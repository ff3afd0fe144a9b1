import type { Nature, SentimentLabel, SeverityLevel, SpamKind, Topic } from '../types.js';

/**
 * One line of the triage queue (`BatchResult.queue`), most urgent first.
 * A near-duplicate group (spam `cluster`) is one entry: `id` is its most
 * urgent member, `group` its id and `members` every member, most urgent first.
 */
export interface QueueEntry {
  id: string;
  level: SeverityLevel;
  score: number;
  respondWithinHours: number | null;
  group?: string;
  members?: string[];
}

/** A term that sets negative reviews of one topic apart from the positive ones. */
export interface ThemeTerm {
  term: string;
  /** Weighted log-lift: reviews x ln(rate in the topic's complaints / rate in positives and other complaints). */
  score: number;
  /** Negative reviews of the topic that use the term. */
  reviews: number;
}

/** One calendar day (UTC unless `utcOffsetMinutes` is set) of reviews with a usable timestamp. */
export interface DailyPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  reviews: number;
  negative: number;
  /** negative / reviews. */
  negativeRate: number;
  /** Reviews with a rating. */
  rated: number;
  /** Mean rating of the day, or null when none was rated. */
  averageRating: number | null;
}

/** `BatchResult.summary`. */
export interface Summary {
  total: number;
  sentiment: Record<SentimentLabel, number>;
  /** Negative reviews by nature. */
  nature: Record<Nature, number>;
  /** Negative reviews by topic (a review can have several). */
  topics: Record<Topic, number>;
  severity: Record<SeverityLevel, number>;
  /** Reviews flagged as spam, and counts by kind (a review can have several). */
  spam: { total: number; kinds: Record<SpamKind, number> };
  /** Top complaint terms per topic, plus `all` for every negative review. */
  themes: Partial<Record<Topic | 'all', ThemeTerm[]>>;
  /** Per day, oldest first; empty when no review has a usable timestamp. */
  daily: DailyPoint[];
  /** Reviews without a usable timestamp (left out of `daily`). */
  undated: number;
}

export const ALERT_KINDS = [
  'rating_drop',
  'rating_decline_streak',
  'negative_rate_spike',
  'high_risk_terms',
  'manual_review',
  'campaign',
  'critical_review',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** `red` > `orange` > `yellow`; `level-1` is the negative-rate alarm's own name (a level-1 alert in shop-monitoring practice). */
export const ALERT_LEVELS = ['red', 'orange', 'yellow', 'level-1'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** `BatchResult.alerts` entry. */
export interface Alert {
  kind: AlertKind;
  level: AlertLevel;
  /** One sentence for a person. */
  message: string;
  /** The days (`YYYY-MM-DD`) or times (ISO-8601) the alert covers; null when it is not about a period. */
  window: { from: string; to: string } | null;
  /** Ids of the reviews behind the alert (most urgent first where that applies). */
  evidenceIds: string[];
  /** Campaign group id (`campaign` alerts). */
  group?: string;
  /** The measured value and the baseline it was compared with (rating and rate alerts). */
  value?: number;
  baseline?: number;
}
