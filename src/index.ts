/**
 * `review-triage`: create an analyzer, analyse reviews, read typed results.
 * Building your own stages, slots and matchers: `review-triage/extend`.
 * Testing your lexicons and label expectations: `review-triage/testing`.
 */

// Create and analyse.
export { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH, AnalyzerOptionsSchema, StreamOptionsSchema, type Analyzer, type AnalyzerOptions, type BatchOptions, type StreamOptions, type StreamEvent } from './analyzer/analyzer.js';
export { ReviewInputSchema, timestampMs, LANGUAGES, type ReviewInput, type Language } from './kernel/review.js';
export { parseTimestamp, type TimestampResult } from './kernel/timestamp.js';
export type { Segmenter, SegmenterName } from './text/segmenter.js';
export { SEGMENTER_NAMES } from './text/segmenter.js';

// Results and their labels (TAXONOMY.md).
export {
  SENTIMENT_LABELS,
  NATURES,
  TOPICS,
  SEVERITY_LEVELS,
  SPAM_KINDS,
  neutralSentiment,
  noSpam,
  lowSeverity,
  type SentimentLabel,
  type Nature,
  type Topic,
  type SeverityLevel,
  type SpamKind,
  type Evidence,
  type SentimentResult,
  type NegativeResult,
  type SpamResult,
  type SeverityResult,
  type Analysis,
} from './types.js';
export type { BatchResult } from './context/batch-result.js';
export type { CampaignGroup } from './spam/batch/types.js';
export { ALERT_KINDS, ALERT_LEVELS, type QueueEntry, type Summary, type ThemeTerm, type DailyPoint, type Alert, type AlertKind, type AlertLevel } from './triage/types.js';
export type { Slice, SliceValue, SliceTopic, SlicePeriod, ResponsePlan } from './schema/batch.js';
export { LOCALES, CRISIS_PLANS, type Locale } from './schema/labels.js';
export { MERCHANT_FIELDS, type MerchantField } from './kernel/review.js';

// Errors: every deliberate error is a ReviewTriageError with a stable `code`.
export { ReviewTriageError, InputError, OptionsError, LexiconError, TemplateError, PipelineError, StateError, MissingDependencyError, type ErrorCode, type ValidationIssue } from './kernel/errors.js';

// Options of each built-in stage (`stageOptions[name]`, or batch options by stage name).
export { NormalizeOptionsSchema, type TextOptions as NormalizeOptions } from './text/service.js';
export { SentimentOptionsSchema, type SentimentOptions } from './sentiment/index.js';
export { ClassifyOptionsSchema } from './classify/index.js';
export { SpamOptionsSchema, type SpamOptions } from './spam/index.js';
export { SeverityOptionsSchema, ActionsSchema, type SeverityOptions, type SeverityOptionsInput, type ActionsData } from './severity/index.js';
export { ClusterOptionsSchema, FloodOptionsSchema, type ClusterOptions, type FloodOptions } from './spam/batch/index.js';
export { EscalationOptionsSchema, type EscalationOptions } from './severity/batch/escalation.js';
export { QueueOptionsSchema, type QueueOptions } from './triage/queue.js';
export { SummaryOptionsSchema, type SummaryOptions } from './triage/summary.js';
export { AlertsOptionsSchema, DEFAULT_HIGH_RISK_TERMS, type AlertsOptions } from './triage/alerts.js';

// Lexicon files (the `lexicons` option).
export { parseLexicon, readLexiconFile, type LexiconSource } from './lexicon/load.js';
export { LEXICON_KINDS, ENTRY_SCHEMAS, type Lexicon, type LexiconEntry, type LexiconKind, type LexiconLang } from './lexicon/schema.js';

// Output schemas (zod) of Analysis and BatchResult: the result types are derived from them; JSON Schema copies ship in schema/.
export {
  EVIDENCE_SOURCES,
  LanguageSchema,
  SentimentLabelSchema,
  NatureSchema,
  TopicSchema,
  SeverityLevelSchema,
  SpamKindSchema,
  AlertKindSchema,
  AlertLevelSchema,
  EvidenceSchema,
  SentimentResultSchema,
  NegativeResultSchema,
  SpamResultSchema,
  SeverityResultSchema,
  AnalysisSchema,
  CampaignGroupSchema,
  QueueEntrySchema,
  ThemeTermSchema,
  DailyPointSchema,
  SummarySchema,
  SliceSchema,
  SliceValueSchema,
  SliceTopicSchema,
  SlicePeriodSchema,
  ResponsePlanSchema,
  AlertSchema,
  BatchResultSchema,
} from './schema/index.js';

// The HTML report (issue 15).
export { renderReport, ReportOptionsSchema, REPORT_LOCALES, REPORT_STRINGS, type ReportOptions, type ReportLocale, type ReportStrings } from './report/index.js';

// Reply drafts and the reply compliance check (issue 14; docs/replies.md).
export {
  draftReply,
  createReplyDrafter,
  DraftInputSchema,
  lintReply,
  ReplyOptionsSchema,
  SlotValuesSchema,
  LintOptionsSchema,
  TemplateSchema,
  TemplateSet,
  parseTemplates,
  readTemplatesFile,
  SLOT_NAMES,
  type ReplyOptions,
  type ReplyDrafter,
  type DraftInput,
  type SlotValues,
  type SlotName,
  type LintOptions,
  type ReplyTemplate,
  type TemplateFile,
  type TemplateSource,
} from './reply/index.js';
export {
  REPLY_LOCALES,
  LINT_RULES,
  ReplyDraftSchema,
  ReplyLocaleSchema,
  LintRuleSchema,
  LintFindingSchema,
  LintResultSchema,
  type ReplyDraft,
  type ReplyLocale,
  type LintRule,
  type LintFinding,
  type LintResult,
} from './schema/reply.js';
// The monitor: state between runs in SQLite (better-sqlite3) or Redis (ioredis), both optional peer dependencies (issue 16).
export * from './monitor/index.js';
