/**
 * Public result types. Every label name comes from the shared taxonomy
 * (TAXONOMY.md): keep these unions and that document in step.
 */
export { LANGUAGES, type Language } from './kernel/review.js';
export type { Evidence } from './kernel/evidence.js';
import type { Evidence } from './kernel/evidence.js';
import type { Language } from './kernel/review.js';

export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const NATURES = ['genuine_complaint', 'malicious_attack', 'misunderstanding'] as const;
export type Nature = (typeof NATURES)[number];

export const TOPICS = [
  'quality',
  'logistics',
  'service',
  'mismatch',
  'price',
  'false_advertising',
  'counterfeit',
  'safety',
  'livestream',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const SEVERITY_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export const SPAM_KINDS = ['advertising', 'duplicate', 'flood', 'template', 'gibberish', 'irrelevant'] as const;
export type SpamKind = (typeof SPAM_KINDS)[number];

export interface SentimentResult {
  label: SentimentLabel;
  /** In [-1, 1]; below 0 leans negative. */
  score: number;
  /** In [0, 1]. 0 for texts that carry no opinion signal at all. */
  confidence: number;
  evidence: Evidence[];
}

export interface NegativeResult {
  nature: Nature;
  topics: Topic[];
  evidence: Evidence[];
}

export interface SpamResult {
  isSpam: boolean;
  /** In [0, 1]. */
  score: number;
  kinds: SpamKind[];
  evidence: Evidence[];
  /** Near-duplicate group id from analyzeBatch, or null for a singleton / single analyze(). */
  cluster: string | null;
}

export interface SeverityResult {
  level: SeverityLevel;
  /** 0..100, monotone with level; a total order for the queue. */
  score: number;
  /** Sentences a support agent understands. */
  reasons: string[];
  /** Response target in hours (0 = at once), or null when no action is needed. */
  respondWithinHours: number | null;
  /** Suggested actions for the merchant, from the actions data. */
  actions: string[];
  evidence: Evidence[];
}

export interface Analysis {
  id: string;
  text: string;
  language: Language;
  sentiment: SentimentResult;
  /** Null unless sentiment is negative. */
  negative: NegativeResult | null;
  spam: SpamResult;
  severity: SeverityResult;
  /** True when the text was longer than `maxTextLength` and only its head was analysed. */
  truncated?: boolean;
  /** Fields added by custom stages: each slot with an `output` name a stage provides (see review-triage/extend). */
  extensions?: Record<string, unknown>;
}

/** Placeholders for stages that are not in the pipeline (documented in README). */
export function neutralSentiment(): SentimentResult {
  return { label: 'neutral', score: 0, confidence: 0, evidence: [] };
}
export function noSpam(): SpamResult {
  return { isSpam: false, score: 0, kinds: [], evidence: [], cluster: null };
}
export function lowSeverity(): SeverityResult {
  return { level: 'low', score: 0, reasons: [], respondWithinHours: null, actions: [], evidence: [] };
}
