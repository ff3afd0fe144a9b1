/**
 * Label names of the public results. Every name comes from the shared
 * taxonomy (TAXONOMY.md): keep these arrays and that document in step.
 * They are the sources of the zod enums in analysis.ts and batch.ts.
 */
export const LANGUAGES = ['zh', 'en', 'mixed', 'other'] as const;
export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export const NATURES = ['genuine_complaint', 'malicious_attack', 'misunderstanding'] as const;
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
export const SEVERITY_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export const SPAM_KINDS = ['advertising', 'duplicate', 'flood', 'template', 'gibberish', 'irrelevant'] as const;

/** Where a piece of evidence came from (`Evidence.source`). */
export const EVIDENCE_SOURCES = ['lexicon', 'rule', 'model', 'metadata', 'batch'] as const;

export const ALERT_KINDS = [
  'rating_drop',
  'rating_decline_streak',
  'negative_rate_spike',
  'high_risk_terms',
  'manual_review',
  'campaign',
  'systemic_issue',
  'critical_review',
  'core_product_negative',
  'routine_negative_rate',
  'penalty_line',
] as const;

/**
 * `red` > `orange` > `yellow`; `level-1`, `level-2` and `level-3` are the crisis levels of TAXONOMY section 7
 * (the negative-rate spike is `level-1`, a core product's sustained rate `level-2`, a routine daily rate `level-3`).
 */
export const ALERT_LEVELS = ['red', 'orange', 'yellow', 'level-1', 'level-2', 'level-3'] as const;

/** Crisis levels (TAXONOMY section 7) and the platform penalty line: the keys of the response plans. */
export const CRISIS_PLANS = ['level-1', 'level-2', 'level-3', 'penalty-line'] as const;

/** Languages of the messages written for a person (reasons, actions, alerts, response plans): the `locale` option. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
