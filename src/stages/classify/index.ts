import { z } from 'zod';
import { OptionsError } from '../../errors.js';
import type { AnalyzerContext } from '../../pipeline/context.js';
import type { TriageDoc } from '../../pipeline/doc.js';
import type { NegativeResult } from '../../types.js';
import { defineStage } from '../definition.js';
import { classifyNegative } from './classify.js';
import { CueTable } from './cues.js';
import { loadTypesRuntime } from './load-model.js';

export { classifyNegative, type ClassifyExtras, type ClassifyOptions } from './classify.js';
export { CueTable } from './cues.js';

/** Key of the classify stage's data in `doc.extras` (see ClassifyExtras). */
export const CLASSIFY_EXTRAS_KEY = 'classify';

export const classifyOptionsSchema = z
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
 * Fills doc.negative (nature, topics, evidence) for reviews the sentiment
 * stage called negative; leaves it null otherwise.
 */
export const classifyStage = defineStage({
  name: 'classify',
  optionsSchema: classifyOptionsSchema,
  create(ctx, options) {
    const cues = new CueTable(ctx);
    const model = loadTypesRuntime(ctx, options);
    return {
      name: 'classify',
      run(doc) {
        if (doc.sentiment.label !== 'negative') {
          doc.negative = null;
          return;
        }
        const { result, extras } = classifyNegative(doc, cues, options, model);
        doc.negative = result;
        doc.extras[CLASSIFY_EXTRAS_KEY] = extras;
      },
    };
  },
});

/**
 * A pure classifier for tokenised docs, whatever their sentiment: compile the
 * cues once (e.g. from `analyzer.context`), then call it per doc. For
 * evaluating against gold negatives, or for tools that already know a review
 * is a complaint.
 */
export function negativeClassifier(ctx: AnalyzerContext, options: z.input<typeof classifyOptionsSchema> = {}): (doc: TriageDoc) => NegativeResult {
  const parsed = classifyOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['classify', ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))], message: i.message }));
    throw new OptionsError(`Invalid options for stage "classify": ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, issues);
  }
  const cues = new CueTable(ctx);
  const opts = parsed.data;
  const model = loadTypesRuntime(ctx, opts);
  return (doc) => classifyNegative(doc, cues, opts, model).result;
}
