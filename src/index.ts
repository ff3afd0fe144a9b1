// The analyzer and its result types.
export { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH, type Analyzer, type AnalyzerOptions, type BatchOptions } from './analyzer.js';
export * from './types.js';
export * from './errors.js';
export { ReviewInputSchema, timestampMs, type ReviewInput } from './input/schema.js';
export { parseTimestamp, type TimestampResult } from './input/timestamp.js';
export type { BatchResult } from './batch/types.js';
export type { BatchState } from './batch/state.js';

// Building custom stages and pipelines.
export { Pipeline, type Placement } from './pipeline/pipeline.js';
export { TriageDoc, type Token, type TokenType, type NormalizationSignal } from './pipeline/doc.js';
export type { Stage, BatchStage, StageFactory, BatchStageFactory } from './pipeline/stage.js';
export type { AnalyzerContext } from './pipeline/context.js';
export { defineStage, defineBatchStage, type StageDefinition, type BatchStageDefinition } from './stages/definition.js';
export type { Segmenter } from './stages/tokenize/segmenter.js';
export { normalizeText } from './stages/normalize/normalize.js';
export { detectLanguage } from './stages/language/detect.js';

// Lexicons.
export { PhraseMatcher, type PhraseMatch, type PhraseEntry } from './lexicon/matcher.js';
export { parseLexicon, readLexiconFile, LexiconSet, type LexiconSource } from './lexicon/load.js';
export { LEXICON_KINDS, ENTRY_SCHEMAS, type Lexicon, type LexiconEntry, type LexiconKind, type LexiconLang } from './lexicon/schema.js';

// Per-stage entry points, for evaluation and custom pipelines.
export { negativeClassifier, classifyOptionsSchema, CLASSIFY_EXTRAS_KEY, type ClassifyExtras } from './stages/classify/index.js';
export type { CampaignGroup, ClusterOptions, FloodOptions } from './batch/spam/index.js';
export { decideSeverity, SeverityOptionsSchema, actionsFor, parseActions, type SeverityOptions, type ActionsData } from './stages/severity/index.js';
// Triage: the queue, summary and alert building blocks.
export * from './batch/triage/index.js';
