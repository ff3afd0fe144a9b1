/**
 * Public result types and label arrays. They are defined once, as zod
 * schemas, in src/schema/ (the types are derived from them and the JSON
 * Schemas generated from them); this module keeps the names importable
 * from here and adds the placeholder results.
 */
export { LANGUAGES, SENTIMENT_LABELS, NATURES, TOPICS, SEVERITY_LEVELS, SPAM_KINDS } from './schema/labels.js';
export type {
  Language,
  SentimentLabel,
  Nature,
  Topic,
  SeverityLevel,
  SpamKind,
  Evidence,
  SentimentResult,
  NegativeResult,
  SpamResult,
  SeverityResult,
  Analysis,
} from './schema/analysis.js';
import type { SentimentResult, SeverityResult, SpamResult } from './schema/analysis.js';

/** Placeholders for stages that are not in the pipeline (documented in docs/pipeline.md). */
export function neutralSentiment(): SentimentResult {
  return { label: 'neutral', score: 0, confidence: 0, evidence: [] };
}
export function noSpam(): SpamResult {
  return { isSpam: false, score: 0, kinds: [], evidence: [], cluster: null };
}
export function lowSeverity(): SeverityResult {
  return { level: 'low', score: 0, reasons: [], respondWithinHours: null, actions: [], evidence: [] };
}
