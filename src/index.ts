// The analyzer and its result types.
export { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH, type Analyzer, type AnalyzerOptions, type BatchOptions } from './analyzer/analyzer.js';
export * from './types.js';
export * from './kernel/errors.js';
export { ReviewInputSchema, timestampMs, type ReviewInput } from './input/schema.js';
export type { BatchResult } from './context/batch-result.js';
export type { BatchState } from './context/batch-state.js';

// Building custom stages and pipelines.
export { Pipeline, type Placement } from './kernel/pipeline.js';
export { TriageDoc, type Token, type TokenType, type NormalizationSignal } from './kernel/doc.js';
export type { Stage, BatchStage, StageFactory, BatchStageFactory } from './kernel/stage.js';
export type { AnalyzerContext } from './context/context.js';
export { defineStage, defineBatchStage, type StageDefinition, type BatchStageDefinition } from './context/define.js';
export type { Segmenter } from './text/segmenter.js';
export { normalizeText } from './text/normalize.js';
export { detectLanguage } from './text/language.js';

// Lexicons.
export { PhraseMatcher, type PhraseMatch, type PhraseEntry } from './lexicon/matcher.js';
export { parseLexicon, readLexiconFile, LexiconSet, type LexiconSource } from './lexicon/load.js';
export { LEXICON_KINDS, ENTRY_SCHEMAS, type Lexicon, type LexiconEntry, type LexiconKind, type LexiconLang } from './lexicon/schema.js';

// Per-stage entry points, for evaluation and custom pipelines.
export { negativeClassifier, classifyOptionsSchema, CLASSIFY_EXTRAS_KEY, type ClassifyExtras } from './classify/index.js';
export type { CampaignGroup, ClusterOptions, FloodOptions } from './spam/batch/index.js';
export { decideSeverity, SeverityOptionsSchema, actionsFor, parseActions, type SeverityOptions, type ActionsData } from './severity/index.js';
// Triage: the queue, summary and alert building blocks.
export * from './triage/index.js';

// Output schemas (zod) of Analysis and BatchResult; the types above are derived from them, and JSON Schema copies ship in schema/.
export {
  EVIDENCE_SOURCES,
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
  AlertSchema,
  BatchResultSchema,
} from './schema/index.js';
