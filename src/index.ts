export { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH, type Analyzer, type AnalyzerOptions, type BatchOptions } from './analyzer.js';
export * from './types.js';
export * from './errors.js';
export { ReviewInputSchema, type ReviewInput } from './input/schema.js';
export type { BatchResult } from './batch/types.js';
export type { BatchState } from './batch/state.js';
export { Pipeline, type Placement } from './pipeline/pipeline.js';
export { TriageDoc, type Token, type TokenType, type NormalizationSignal } from './pipeline/doc.js';
export type { Stage, BatchStage, StageFactory, BatchStageFactory } from './pipeline/stage.js';
export type { AnalyzerContext } from './pipeline/context.js';
export { defineStage, defineBatchStage, type StageDefinition, type BatchStageDefinition } from './stages/definition.js';
export { PhraseMatcher, type PhraseMatch } from './lexicon/matcher.js';
export { parseLexicon, readLexiconFile, LexiconSet, type LexiconSource } from './lexicon/load.js';
export { LEXICON_KINDS, ENTRY_SCHEMAS, type Lexicon, type LexiconEntry, type LexiconKind, type LexiconLang } from './lexicon/schema.js';
export { normalizeText, detectLanguage };
export type { Segmenter } from './stages/tokenize/segmenter.js';
import { normalizeText } from './stages/normalize/normalize.js';
import { detectLanguage } from './stages/language/detect.js';
// Per-stage entry points for evaluation and custom pipelines.
export { negativeClassifier, classifyOptionsSchema, CLASSIFY_EXTRAS_KEY, type ClassifyExtras } from './stages/classify/index.js';
export { timestampMs } from './input/schema.js';
export type { CampaignGroup, ClusterOptions, FloodOptions } from './batch/spam/index.js';
// Triage: the queue, summary and alert building blocks, and the severity rules.
export * from './batch/triage/index.js';
export { decideSeverity, SeverityOptionsSchema, actionsFor, parseActions, type SeverityOptions, type ActionsData } from './stages/severity/index.js';
