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
] as const;

/** `red` > `orange` > `yellow`; `level-1` is the negative-rate alarm's own name (a level-1 alert in shop-monitoring practice). */
export const ALERT_LEVELS = ['red', 'orange', 'yellow', 'level-1'] as const;
