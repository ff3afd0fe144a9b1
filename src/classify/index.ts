import { z } from 'zod';
import { OptionsError } from '../kernel/errors.js';
import type { AnalyzerContext } from '../context/context.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, NegativeResult } from '../types.js';
import type { CampaignGroup } from '../spam/batch/types.js';
import { defineStage } from '../context/define.js';
import { classifyNegative } from './classify.js';
import { CueTable } from './cues.js';
import { loadTypesRuntime } from './load-model.js';

import { SENTIMENT } from '../sentiment/slots.js';
import { GROUP, MEMBERSHIP, type GroupMembership } from '../spam/slots.js';
import { CLASSIFY_SCORES, NEGATIVE } from './slots.js';

const COORDINATION = new Set(['shared_author', 'shared_network', 'burst', 'copy_paste', 'template', 'new_accounts']);

export { classifyNegative, type ClassifyScores, type ClassifyOptions } from './classify.js';
export { CueTable } from './cues.js';
export { NEGATIVE, CLASSIFY_SCORES } from './slots.js';

export const ClassifyOptionsSchema = z
  .object({
    /** Score a topic needs to be reported (an aspect word in a complaint scores 1, a problem phrase 2.5). */
    minTopicScore: z.number().min(0).max(20).default(1),
    /** At most this many topics, strongest first. */
    maxTopics: z.number().int().min(1).max(10).default(3),
    /** Drop topics scoring below this share of the strongest one. */
    relativeFloor: z.number().min(0).max(1).default(0.15),
    /** Attack cue weight (abuse, boycott calls, competitor promotion) needed for malicious_attack. */
    maliciousThreshold: z.number().min(0).max(50).default(2.5),
    /** Information-gap cue weight (pre-sale, size chart, promotion rules, instructions) needed for misunderstanding. */
    misunderstandingThreshold: z.number().min(0).max(50).default(2.5),
    /** Use the learned topic and nature model (false: the cue rules alone). */
    useModel: z.boolean().default(true),
    /** Another model file (from scripts/train-types.mjs); default data/models/types.json. */
    modelPath: z.string().min(1).optional(),
    /** P(topic) the model must give a topic for it to be reported. */
    topicThreshold: z.number().min(0).max(1).default(0.35),
    /** A topic the cue rules pick is kept when the model gives it at least this. */
    cueConfirmThreshold: z.number().min(0).max(1).default(0.05),
    /** Topics with fewer hand-labelled training rows than this (livestream) are left to the cues. */
    minTopicSupport: z.number().int().min(0).default(20),
    /**
     * P(malicious_attack) or P(misunderstanding) at which the nature model overrules the cue rules. Off (1) by
     * default: trained on a few dozen such rows, its overrides measured below the rules (docs/classify.md).
     */
    natureModelThreshold: z.number().min(0).max(1).default(1),
    /** P(genuine_complaint) at which the nature model overrules the rules' attack or misunderstanding (1: off). */
    genuineVetoThreshold: z.number().min(0).max(1).default(1),
    /** With no topic at topicThreshold, the likeliest still beats `other` at this probability. */
    fallbackThreshold: z.number().min(0).max(1).default(0.4),
  })
  .strict();

/**
 * Fills the NEGATIVE slot (nature, topics, evidence) for reviews the
 * sentiment stage called negative; null otherwise. After a batch, a member
 * of a copy-paste campaign is re-decided as a malicious attack.
 */
export const classifyStage = defineStage({
  name: 'classify',
  optionsSchema: ClassifyOptionsSchema,
  requires: ['tokens', 'structure', SENTIMENT],
  provides: [NEGATIVE, CLASSIFY_SCORES],
  create(ctx, options) {
    const cues = new CueTable(ctx);
    const model = loadTypesRuntime(ctx, options);
    return {
      name: 'classify',
      run(doc) {
        if (doc.get(SENTIMENT).label !== 'negative') {
          doc.set(NEGATIVE, null);
          return;
        }
        const { result, scores } = classifyNegative(doc, cues, options, model);
        doc.set(NEGATIVE, result);
        doc.set(CLASSIFY_SCORES, scores);
      },
      redecide(doc) {
        // Runs once per doc after the batch facts, on the per-review result (a later custom stage may have changed it).
        doc.set(NEGATIVE, natureInBatch(doc.get(NEGATIVE), doc.peek(GROUP), doc.peek(MEMBERSHIP)));
      },
    };
  },
});

/**
 * The nature once the batch is known: the text's verdict, except that a
 * negative campaign member with coordination evidence is a malicious attack
 * (TAXONOMY section 6). A member of a campaign group without such evidence
 * (`membership.role` `independent`: e.g. the genuine complaint the campaign
 * copied) and the reporters of a systemic issue keep the text's nature.
 * Without a membership (a custom cluster stage), the group's `campaign` flag
 * decides. Pure; builds a new result, the text one stays.
 */
export function natureInBatch(text: NegativeResult | null, group: CampaignGroup | undefined, membership?: GroupMembership): NegativeResult | null {
  if (!text) return text;
  const attacker = membership ? membership.role === 'campaign' : group?.campaign === true;
  if (!attacker || !group) return text;
  const signals = group.evidence?.signals.filter((s) => COORDINATION.has(s.signal)).map((s) => s.signal) ?? [];
  const attack: Evidence = {
    source: 'batch',
    rule: 'campaign',
    label: 'malicious_attack',
    note: `campaign ${group.id}: ${group.evidence?.coordinated.length ?? group.size} coordinated near-copies from ${group.distinctAuthors} author(s)${signals.length ? ` (${signals.join(', ')})` : ''}`,
  };
  return { nature: 'malicious_attack', topics: text.topics, evidence: [...text.evidence, attack] };
}

/**
 * A pure classifier for tokenised docs, whatever their sentiment: compile the
 * cues once (e.g. from `analyzer.context`), then call it per doc. For
 * evaluating against gold negatives, or for tools that already know a review
 * is a complaint.
 */
export function negativeClassifier(ctx: AnalyzerContext, options: z.input<typeof ClassifyOptionsSchema> = {}): (doc: TriageDoc) => NegativeResult {
  const parsed = ClassifyOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['classify', ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))], message: i.message }));
    throw new OptionsError(`Invalid options for stage "classify": ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, issues);
  }
  const cues = new CueTable(ctx);
  const opts = parsed.data;
  const model = loadTypesRuntime(ctx, opts);
  return (doc) => classifyNegative(doc, cues, opts, model).result;
}
