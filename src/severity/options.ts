import { z } from 'zod';
import { SEVERITY_LEVELS } from '../types.js';
import { ActionsSchema } from './actions.js';

const hours = z.number().min(0).nullable();

/**
 * Options of the `severity` stage (`stageOptions.severity`). Every number is
 * a documented default that a merchant may tune; see README "Severity".
 */
export const SeverityOptionsSchema = z
  .object({
    /** Response target per level in hours; 0 = at once, null = no target. */
    respondWithinHours: z
      .object({ critical: hours.default(0), high: hours.default(6), medium: hours.default(12), low: hours.default(null) })
      .strict()
      .prefault({}),
    /** Summed safety weight that alone makes a review critical (a harm word weighs 2, a risk word 0.5, the classifier's safety topic 1). */
    criticalSafety: z.number().min(0).default(2),
    /** Summed safety weight that makes a review at least high. */
    highSafety: z.number().min(0).default(1),
    /** Summed fraud/counterfeit weight that makes a review high. */
    fraudHigh: z.number().min(0).default(1),
    /** Escalation weight that alone makes a complaint high (warning others, chargeback weigh 2). */
    escalateHigh: z.number().min(0).default(2),
    /** Intensity weight that, with a real intent to escalate (escalation weight >= 1, e.g. 投诉), makes a complaint high ("strong anger"). */
    angerIntensity: z.number().min(0).default(1.5),
    /** Loss weight that makes a complaint high (large or repeated losses). */
    lossHigh: z.number().min(0).default(2),
    /** Without topics from the classify stage, a complaint is medium when its sentiment score is at most this. */
    mildScore: z.number().min(-1).max(1).default(-0.3),
    /** A complaint with softeners (`有点`, `slightly`) and no strong cue stays low: mild dissatisfaction. */
    mildStaysLow: z.boolean().default(true),
    /** Level of a malicious attack whose only cues are insults (no fraud, safety, legal or escalation). */
    abuseOnlyLevel: z.enum(SEVERITY_LEVELS).default('low'),
    /** Ratings at or below this (1-2 stars) lift a low complaint to medium and add urgency. */
    lowRating: z.number().min(0).max(5).default(2),
    /** Likes at or above this make a complaint highly visible: one level up. */
    likesThreshold: z.number().int().min(1).default(50),
    /** Replies at or above this make a complaint highly visible: one level up. */
    repliesThreshold: z.number().int().min(1).default(10),
    /** Whether a pinned complaint counts as highly visible. */
    pinnedRaises: z.boolean().default(true),
    /** Highest level engagement alone can lift a review to. */
    engagementMaxLevel: z.enum(SEVERITY_LEVELS).default('critical'),
    /**
     * Distinct terms naming a creative work's content (severity lexicon entries with trigger `work`:
     * plot, author, actors) that make a complaint with no harm, fraud, escalation or loss a critique of
     * the work: low, since the seller cannot fix a book's plot. 0 turns the rule off.
     */
    workCritiqueTerms: z.number().int().min(0).default(2),
    /** Language of `reasons` and `actions`: English or Chinese (the analyzer's `locale` sets it for every stage). */
    locale: z.enum(['en', 'zh']).optional(),
    /** Deprecated alias of `locale` (reasons only used to be translated); `locale` wins when both are set. */
    reasonLanguage: z.enum(['en', 'zh']).optional(),
    /** Replaces built-in action lists by key (same shape as data/actions/actions.json). */
    actions: ActionsSchema.optional(),
    /** A JSON file of action lists, applied before `actions`. */
    actionsFile: z.string().min(1).optional(),
  })
  .strict();

/** The language of the messages: `locale`, else the deprecated `reasonLanguage`, else English. */
export function severityLocale(o: Pick<SeverityOptions, 'locale' | 'reasonLanguage'>): 'en' | 'zh' {
  return o.locale ?? o.reasonLanguage ?? 'en';
}

export type SeverityOptions = z.output<typeof SeverityOptionsSchema>;
export type SeverityOptionsInput = z.input<typeof SeverityOptionsSchema>;
