/**
 * `review-triage/extend`: everything to build your own stages over the
 * analyzer's pipeline. A stage declares the slots it provides and requires;
 * it reads the doc's text, tokens, clauses and token flags (the structure
 * pass), and what earlier stages left in their slots.
 */

// The pipeline and its stages.
export { Pipeline, type Placement, type PipelineStage, type PipelineOptions } from './kernel/pipeline.js';
export type { Stage, BatchStageOf } from './kernel/stage.js';
export { defineStage, defineBatchStage, type StageDefinition, type BatchStageDefinition, type BatchStage, type StageDeclarations } from './context/define.js';
export type { AnalyzerContext } from './context/context.js';
export type { BatchState } from './context/batch-state.js';

// The doc and typed slots.
export { TriageDoc, TokenFlag, type Token, type TokenType, type Clause, type NormalizationSignal, type DocSnapshot, type PackedTokens } from './kernel/doc.js';
export { defineSlot, definedSlots, DOC_FIELDS, type Slot, type SlotOptions, type Requirement, type DocField } from './kernel/slots.js';
export { negationDistance, DEFAULT_NEGATOR_SCOPE } from './document/structure.js';
export { SENTIMENT, NEGATIVE_PROBABILITY } from './sentiment/slots.js';
export { NEGATIVE, CLASSIFY_SCORES } from './classify/slots.js';
export type { ClassifyScores } from './classify/classify.js';
export type { NatureScores } from './classify/nature.js';
export { SPAM, GROUP, FLOOD, MEMBERSHIP, type GroupMembership, type GroupRole } from './spam/slots.js';
export { SEVERITY, SEVERITY_BASIS, ESCALATION, type SeverityBasis, type Escalation } from './severity/slots.js';
export type { NormalizedReview } from './kernel/review.js';

// Text: the one service for normalising and tokenising reviews and terms.
export { TextService, type TextOptions } from './text/service.js';
export { ScriptTokenizer as Tokenizer, type TokenizeHooks } from './text/tokenizer.js';
export { jiebaSegmenter, nodejiebaSegmenter, type Segmenter } from './text/segmenter.js';
export { normalizeText, type Normalized, type NormalizeOptions, type ChineseConverter } from './text/normalize.js';
export { detectLanguage } from './text/language.js';

// Lexicons and matching.
export { PhraseMatcher, type PhraseMatch, type PhraseEntry } from './lexicon/matcher.js';
export { LexiconSet } from './lexicon/load.js';

// Pure decision functions, for evaluation and custom pipelines.
export { negativeClassifier, natureInBatch } from './classify/index.js';
export { spamResult } from './spam/index.js';
export { decideSeverity, actionsFor, parseActions, TRIGGERS, type SeverityInput, type SeverityDecision, type Trigger, type ActionTable } from './severity/index.js';
export type { ActionQuery } from './severity/actions.js';
