import { classifyStage } from '../classify/index.js';
import type { BatchStageDefinition, StageDefinition } from '../context/define.js';
import { languageStage } from '../document/language-stage.js';
import { normalizeStage } from '../document/normalize-stage.js';
import { structureStage } from '../document/structure-stage.js';
import { tokenizeStage } from '../document/tokenize-stage.js';
import { requirementName } from '../kernel/slots.js';
import { sentimentStage } from '../sentiment/index.js';
import { escalationStage } from '../severity/batch/escalation.js';
import { severityStage } from '../severity/index.js';
import { clusterStage, floodStage } from '../spam/batch/index.js';
import { spamStage } from '../spam/index.js';
import { alertsStage, queueStage, summaryStage } from '../triage/index.js';

/**
 * The built-in per-review stages, in run order. The registry sits above
 * both stage families: the kernel and the capabilities never import it.
 */
export const BUILTIN_STAGES: StageDefinition[] = [normalizeStage, languageStage, tokenizeStage, structureStage, sentimentStage, classifyStage, spamStage, severityStage];

/** The built-in batch stages, in run order: facts (clustering, floods, escalation), then reports (queue, summary, alerts). */
export const BUILTIN_BATCH_STAGES: BatchStageDefinition[] = [clusterStage, floodStage, escalationStage, queueStage, summaryStage, alertsStage];

const PROVIDERS = new Map<string, string>();
for (const def of [...BUILTIN_STAGES, ...BUILTIN_BATCH_STAGES]) for (const p of def.provides ?? []) PROVIDERS.set(requirementName(p), def.name);

/** The built-in stage that provides a slot or doc field, for error messages. */
export function builtinProviderOf(name: string): string | undefined {
  return PROVIDERS.get(name);
}
