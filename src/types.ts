/**
 * Public result types. Every label name comes from the shared taxonomy
 * (TAXONOMY.md): keep these unions and that document in step.
 */
export const LANGUAGES = ['zh', 'en', 'mixed', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

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

/**
 * Why a stage decided what it did. `start`/`end` are UTF-16 offsets into the
 * ORIGINAL input text (end exclusive); rules that are not tied to a span
 * (a star rating, a batch campaign) leave them out.
 */
export interface Evidence {
  /** What fired: a lexicon term, a rule name, a model feature. */
  source: 'lexicon' | 'rule' | 'model' | 'metadata' | 'batch';
  /** The term or rule id, e.g. `差评`, `negation`, `rating<=2`. */
  rule: string;
  /** The text span as written in the original input, when span-based. */
  match?: string;
  start?: number;
  end?: number;
  /** Signed contribution to the stage's score, when it has one. */
  weight?: number;
  /** A label this evidence supports (a topic, a nature, a spam kind...). */
  label?: string;
  /** Free-form short explanation for a person. */
  note?: string;
}

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
  /** Set when the review gave a timestamp that cannot be used: why. The review is analysed without a time (src/input/timestamp.ts). */
  timestampIssue?: string;
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
