import { classifyStage } from '../classify/index.js';
import { clusterStage, floodStage } from '../spam/batch/index.js';
import { alertsStage, escalationStage, queueStage, summaryStage } from '../triage/index.js';
import type { BatchStageDefinition, StageDefinition } from '../context/define.js';
import { languageStage } from '../document/language-stage.js';
import { normalizeStage } from '../document/normalize-stage.js';
import { sentimentStage } from '../sentiment/index.js';
import { severityStage } from '../severity/index.js';
import { spamStage } from '../spam/index.js';
import { tokenizeStage } from '../document/tokenize-stage.js';

/**
 * The built-in per-review stages, in run order. Each later capability
 * (sentiment, classify, spam, severity) adds its definition here.
 */
export const BUILTIN_STAGES: StageDefinition[] = [normalizeStage, languageStage, tokenizeStage, sentimentStage, classifyStage, spamStage, severityStage];

/** The built-in batch stages, in run order (clustering, floods, queue, summary, alerts). */
export const BUILTIN_BATCH_STAGES: BatchStageDefinition[] = [clusterStage, floodStage, escalationStage, queueStage, summaryStage, alertsStage];
