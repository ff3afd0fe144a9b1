/**
 * zod schemas of what `analyze()` returns. The TypeScript types are derived
 * from them, and the published JSON Schema (schema/analysis.schema.json) is
 * generated from them, so the three cannot drift apart. Objects are strict:
 * a field the code adds without adding it here fails the output tests.
 */
import { z } from 'zod';
import { EVIDENCE_SOURCES, LANGUAGES, NATURES, SENTIMENT_LABELS, SEVERITY_LEVELS, SPAM_KINDS, TOPICS } from './labels.js';
import { ReplyDraftSchema } from './reply.js';

export const LanguageSchema = z.enum(LANGUAGES);
export const SentimentLabelSchema = z.enum(SENTIMENT_LABELS);
export const NatureSchema = z.enum(NATURES);
export const TopicSchema = z.enum(TOPICS);
export const SeverityLevelSchema = z.enum(SEVERITY_LEVELS);
export const SpamKindSchema = z.enum(SPAM_KINDS);

/**
 * Why a stage decided what it did. `start`/`end` are UTF-16 offsets into the
 * ORIGINAL input text (end exclusive); rules that are not tied to a span
 * (a star rating, a batch campaign) leave them out.
 */
export const EvidenceSchema = z
  .strictObject({
    source: z.enum(EVIDENCE_SOURCES).describe('What kind of thing fired: a lexicon term, a rule, a model feature, review metadata, a batch finding.'),
    rule: z.string().describe('The term or rule id, e.g. `差评`, `negation`, `rating<=2`.'),
    match: z.string().optional().describe('The text span as written in the original input, when span-based.'),
    start: z.number().int().nonnegative().optional().describe('UTF-16 offset of the span in the original text.'),
    end: z.number().int().nonnegative().optional().describe('UTF-16 offset just past the span in the original text.'),
    weight: z.number().optional().describe("Signed contribution to the stage's score, when it has one."),
    label: z.string().optional().describe('A label this evidence supports (a topic, a nature, a spam kind...).'),
    note: z.string().optional().describe('Free-form short explanation for a person.'),
  })
  // An id makes the JSON Schema define Evidence once ($defs) instead of at every use.
  .meta({ id: 'Evidence', description: 'Why a stage decided what it did.' });

export const SentimentResultSchema = z.strictObject({
  label: SentimentLabelSchema,
  score: z.number().min(-1).max(1).describe('In [-1, 1]; below 0 leans negative.'),
  confidence: z.number().min(0).max(1).describe('In [0, 1]. 0 for texts that carry no opinion signal at all.'),
  evidence: z.array(EvidenceSchema),
});

export const NegativeResultSchema = z.strictObject({
  nature: NatureSchema,
  topics: z.array(TopicSchema).describe('Strongest first; `other` only when no topic fits.'),
  evidence: z.array(EvidenceSchema),
});

export const SpamResultSchema = z.strictObject({
  isSpam: z.boolean(),
  score: z.number().min(0).max(1).describe('In [0, 1].'),
  kinds: z.array(SpamKindSchema),
  evidence: z.array(EvidenceSchema),
  cluster: z.string().nullable().describe('Near-duplicate group id from analyzeBatch, or null for a singleton / single analyze().'),
});

export const SeverityResultSchema = z.strictObject({
  level: SeverityLevelSchema,
  score: z.number().min(0).max(100).describe('0..100, monotone with level; a total order for the queue.'),
  reasons: z.array(z.string()).describe('Sentences a support agent understands.'),
  respondWithinHours: z.number().nonnegative().nullable().describe('Response target in hours (0 = at once), or null when no action is needed.'),
  actions: z.array(z.string()).describe('Suggested actions for the merchant, from the actions data.'),
  evidence: z.array(EvidenceSchema),
});

/** A value of `meta`: anything else a merchant's export carries, as a scalar. */
export const MetaValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The review's own fields echoed on every output item (analysis, queue entry)
 * so a result can be joined back to the order: present only when the input had them.
 */
export const ReviewEchoShape = {
  platform: z.string().optional().describe('The sales platform or shop, as given.'),
  productId: z.string().optional().describe('The product (listing) id, as given (numbers become strings).'),
  sku: z.string().optional().describe('The SKU (variant) id, as given (numbers become strings).'),
  orderId: z.string().optional().describe('The order id, as given (numbers become strings).'),
  country: z.string().optional().describe("The buyer's country or region."),
  channel: z.string().optional().describe('The logistics channel or carrier.'),
  agent: z.string().optional().describe('The support agent or shift.'),
  meta: z.record(z.string(), MetaValueSchema).optional().describe("Any other field of the merchant's export (the CLI puts unknown columns here)."),
  time: z.string().optional().describe("The review's time as ISO-8601 UTC, when its timestamp is usable."),
};

export const AnalysisSchema = z
  .strictObject({
    id: z.string(),
    ...ReviewEchoShape,
    text: z.string(),
    language: LanguageSchema,
    sentiment: SentimentResultSchema,
    negative: NegativeResultSchema.nullable().describe('Null unless sentiment is negative.'),
    spam: SpamResultSchema,
    severity: SeverityResultSchema,
    truncated: z.boolean().optional().describe('True when the text was longer than `maxTextLength` and only its head was analysed.'),
    reply: ReplyDraftSchema.optional().describe('A reply draft, when the analyzer was created with the `reply` option and the review is negative.'),
    timestampIssue: z.string().optional().describe('Why the review\'s timestamp could not be used (it was left out of time windows and daily series).'),
    extensions: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Fields added by custom stages, keyed by the stage's name; absent when no stage adds any."),
  })
  .meta({ id: 'Analysis', description: 'The result of analysing one review.' });

export type Language = z.output<typeof LanguageSchema>;
export type SentimentLabel = z.output<typeof SentimentLabelSchema>;
export type Nature = z.output<typeof NatureSchema>;
export type Topic = z.output<typeof TopicSchema>;
export type SeverityLevel = z.output<typeof SeverityLevelSchema>;
export type SpamKind = z.output<typeof SpamKindSchema>;
export type Evidence = z.output<typeof EvidenceSchema>;
export type SentimentResult = z.output<typeof SentimentResultSchema>;
export type NegativeResult = z.output<typeof NegativeResultSchema>;
export type SpamResult = z.output<typeof SpamResultSchema>;
export type SeverityResult = z.output<typeof SeverityResultSchema>;
export type Analysis = z.output<typeof AnalysisSchema>;
