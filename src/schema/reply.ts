/**
 * zod schemas of reply drafts (`draftReply`, `analysis.reply`) and of the
 * reply compliance check (`lintReply`, `review-triage lint-reply`).
 */
import { z } from 'zod';
import { NATURES, SEVERITY_LEVELS, TOPICS } from './labels.js';

/** The languages replies are drafted and checked in. */
export const REPLY_LOCALES = ['zh', 'en'] as const;

/** What the compliance check looks for, one id per class of violation. */
export const LINT_RULES = [
  'ask-to-change-review',
  'incentive-for-review',
  'off-platform-contact',
  'buyer-data',
  'blame-shifting',
  'missing-apology',
  'unverifiable-promise',
] as const;

export const ReplyLocaleSchema = z.enum(REPLY_LOCALES);
export const LintRuleSchema = z.enum(LINT_RULES);

export const LintFindingSchema = z
  .strictObject({
    rule: LintRuleSchema,
    start: z.number().int().nonnegative().describe('UTF-16 offset of the span in the reply as given.'),
    end: z.number().int().nonnegative().describe('UTF-16 offset just past the span; equal to start for a rule about something missing (missing-apology).'),
    match: z.string().describe('The span as written in the reply (empty for a missing-apology finding).'),
    reason: z.string().describe("Why it breaks the rules, in the check's locale."),
  })
  .meta({ id: 'LintFinding', description: 'One violation found in a reply.' });

export const LintResultSchema = z
  .strictObject({
    ok: z.boolean().describe('True when there is no finding.'),
    locale: ReplyLocaleSchema.describe('The language of the reasons.'),
    findings: z.array(LintFindingSchema).describe('In text order.'),
  })
  .meta({ id: 'LintResult', description: 'The result of checking one reply.' });

export const ReplyDraftSchema = z
  .strictObject({
    templateId: z.string().describe('The template used (a built-in id, or one from the templates option).'),
    locale: ReplyLocaleSchema,
    nature: z.enum(NATURES),
    topic: z.enum(TOPICS).describe("The review's strongest topic (`other` when it has none)."),
    severity: z.enum(SEVERITY_LEVELS),
    public: z.string().describe('The reply to post under the review.'),
    private: z.string().nullable().describe('A message to the customer through the platform, or null (malicious attacks get none).'),
    checklist: z.array(z.string()).describe("Steps for the merchant's team (the evidence checklist of a malicious attack); empty otherwise."),
    lint: z
      .strictObject({ public: z.array(LintFindingSchema), private: z.array(LintFindingSchema) })
      .describe('The compliance check of both texts with their slots filled; empty for every built-in template.'),
  })
  .meta({ id: 'ReplyDraft', description: 'A reply draft for a negative review.' });

export type ReplyLocale = z.output<typeof ReplyLocaleSchema>;
export type LintRule = z.output<typeof LintRuleSchema>;
export type LintFinding = z.output<typeof LintFindingSchema>;
export type LintResult = z.output<typeof LintResultSchema>;
export type ReplyDraft = z.output<typeof ReplyDraftSchema>;
