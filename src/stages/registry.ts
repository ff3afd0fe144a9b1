import { classifyStage } from './classify/index.js';
import { clusterStage, floodStage } from '../batch/spam/index.js';
import { alertsStage, escalationStage, queueStage, summaryStage } from '../batch/triage/index.js';
import type { BatchStageDefinition, StageDefinition } from './definition.js';
import { languageStage } from './language/index.js';
import { normalizeStage } from './normalize/index.js';
import { sentimentStage } from './sentiment/index.js';
import { severityStage } from './severity/index.js';
import { spamStage } from './spam/index.js';
import { tokenizeStage } from './tokenize/index.js';

/**
 * The built-in per-review stages, in run order. Each later capability
 * (sentiment, classify, spam, severity) adds its definition here.
 */
export const BUILTIN_STAGES: StageDefinition[] = [normalizeStage, languageStage, tokenizeStage, sentimentStage, classifyStage, spamStage, severityStage];

/** The built-in batch stages, in run order (clustering, floods, queue, summary, alerts). */
export const BUILTIN_BATCH_STAGES: BatchStageDefinition[] = [clusterStage, floodStage, escalationStage, queueStage, summaryStage, alertsStage];
