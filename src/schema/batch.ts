/**
 * zod schemas of what `analyzeBatch()` returns, beside `items` (analysis.ts).
 * The TypeScript types are derived from them and the published JSON Schema
 * (schema/batch-result.schema.json) is generated from them. Objects are strict.
 */
import { z } from 'zod';
import { AnalysisSchema, ReviewEchoShape, SeverityLevelSchema } from './analysis.js';
import { ALERT_KINDS, ALERT_LEVELS, CRISIS_PLANS, NATURES, SENTIMENT_LABELS, SEVERITY_LEVELS, SPAM_KINDS, TOPICS } from './labels.js';

const count = z.number().int().nonnegative();
const isoTime = z.string().describe('ISO-8601 time');

/** `{ label: count }` for every label: an object with one required key per label (plain properties in the JSON Schema, unlike z.record). */
function countsBy<const L extends readonly string[]>(labels: L) {
  const shape = Object.fromEntries(labels.map((l) => [l, count])) as { [K in L[number]]: typeof count };
  return z.strictObject(shape);
}

/** The two verdicts a group of similar reviews can get (TAXONOMY section 6); null: neither (reposts, a pair). */
export const GROUP_VERDICTS = ['campaign', 'systemic_issue'] as const;
export const GroupVerdictSchema = z.enum(GROUP_VERDICTS);

/**
 * What a verdict rests on. Coordination signals (`shared_author`,
 * `shared_network`, `burst`, `copy_paste`, `template`, `new_accounts`) make a
 * campaign of the members they name; `distinct_reporters`, `spread_over_days`,
 * `shared_terms` and `same_product` are why a group is a systemic issue.
 */
export const GROUP_SIGNALS = [
  'shared_author',
  'shared_network',
  'burst',
  'copy_paste',
  'template',
  'new_accounts',
  'distinct_reporters',
  'spread_over_days',
  'shared_terms',
  'same_product',
] as const;
export const GroupSignalSchema = z.strictObject({
  signal: z.enum(GROUP_SIGNALS),
  members: z.array(z.string()).describe('Ids of the members the signal is about, in input order.'),
  note: z.string().describe('The measured value in words (the shared network, the window, the count...).'),
});

export const GroupEvidenceSchema = z
  .strictObject({
    signals: z.array(GroupSignalSchema),
    coordinated: z.array(z.string()).describe('Members with a coordination signal: a campaign\'s members proper (its negative ones are relabelled `malicious_attack`).'),
    independent: z.array(z.string()).describe('Members with none: their natures stay as their texts say, even inside a campaign group (a copied genuine complaint stays genuine).'),
  })
  .describe('The signals behind the verdict, with the member ids each one covers.');

/** What a systemic issue is about: the product, the topics and the defect terms its members share. */
export const GroupDefectSchema = z.strictObject({
  product: z.string().nullable().describe('The members\' `productId` (or `sku`) when they share one; null when the reviews name none.'),
  topics: z.array(z.enum(TOPICS)).describe('Topics most members share, most common first.'),
  terms: z.array(z.string()).describe('Content words most members use (the defect terms), most shared first.'),
});

/**
 * A group of similar reviews, listed in `BatchResult.groups`. `g` groups are
 * near-copies (the `cluster` batch stage, marked as a burst by `flood`);
 * `s` groups are similar complaints that are not near-copies, joined by
 * product, topic and shared defect terms. The verdict says what the group is.
 */
export const CampaignGroupSchema = z
  .strictObject({
    id: z.string().describe('`g1`, `g2`... (near-copies) and `s1`, `s2`... (similar complaints), each in order of the group\'s first member in the input.'),
    members: z.array(z.string()).describe('Review ids, in input order.'),
    size: count,
    representative: z.string().describe('The original text of the earliest member (by timestamp, else input order).'),
    firstAt: isoTime.nullable().describe('Time of the earliest member with a usable timestamp; null when none has one.'),
    lastAt: isoTime.nullable().describe('Time of the latest member with a usable timestamp; null when none has one.'),
    distinctAuthors: count.describe('Distinct authorIds among members that have one.'),
    distinctAddresses: count.describe('Distinct ip addresses among members that have one.'),
    distinctNetworks: count.describe('Distinct ip networks (IPv4 /24, IPv6 /64) among members that have an ip.'),
    unknownAuthors: count.describe('Members with no authorId (they count as unknown, not as distinct authors).'),
    verdict: GroupVerdictSchema.nullable().describe('`campaign` (coordinated posting), `systemic_issue` (many customers, one defect) or null (near-copies with neither: reposts, a pair).'),
    campaign: z.boolean().describe("`verdict === 'campaign'`: at least the cluster stage's `campaignMinSize` members carry coordination evidence."),
    burst: z.boolean().describe('True when `flood` found `burstMinSize` members inside `burstWindowMinutes`: the campaign is posting now.'),
    negative: count.describe('Members whose sentiment is negative (a smear campaign when most are).'),
    evidence: GroupEvidenceSchema,
    defect: GroupDefectSchema.optional().describe('Systemic issues: what the customers report.'),
  })
  .describe('A group of similar reviews (cluster batch stage) and its verdict.');

/**
 * One line of the triage queue (`BatchResult.queue`), most urgent first.
 * A near-duplicate group (spam `cluster`) is one entry: `id` is its most
 * urgent member, `group` its id and `members` every member, most urgent first.
 */
export const QueueEntrySchema = z.strictObject({
  id: z.string(),
  ...ReviewEchoShape,
  level: SeverityLevelSchema,
  score: z.number(),
  respondWithinHours: z.number().nonnegative().nullable(),
  group: z.string().optional(),
  members: z.array(z.string()).optional(),
});

/** A term that sets negative reviews of one topic apart from the positive ones. */
export const ThemeTermSchema = z.strictObject({
  term: z.string(),
  score: z.number().describe("Weighted log-lift: reviews x ln(rate in the topic's complaints / rate in positives and other complaints)."),
  reviews: count.describe('Negative reviews of the topic that use the term.'),
});

/** One calendar day (UTC unless `utcOffsetMinutes` is set) of reviews with a usable timestamp. */
export const DailyPointSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('`YYYY-MM-DD`.'),
  reviews: count,
  negative: count,
  negativeRate: z.number().min(0).max(1).describe('negative / reviews.'),
  rated: count.describe('Reviews with a rating.'),
  averageRating: z.number().nullable().describe('Mean rating of the day, or null when none was rated.'),
});

const rate = z.number().min(0).max(1);
const interval = z.tuple([z.number(), z.number()]);

/** A topic within a slice value (`summary.slices[dimension].values[].topics`). */
export const SliceTopicSchema = z.strictObject({
  topic: z.enum(TOPICS),
  reviews: count.describe("The slice's negative reviews with this topic."),
  share: rate.describe("reviews / the slice's negative reviews."),
  lift: z
    .number()
    .nonnegative()
    .nullable()
    .describe("The topic's rate per review in the slice over its rate in every other review of the batch (risk ratio); null below the summary's `sliceMinSupport` reviews or when the slice is the whole batch."),
  interval: interval
    .nullable()
    .describe('Confidence interval of the lift (log-ratio / Katz method, at the summary\'s `sliceConfidence`; 0.5 added to both counts when one is 0).'),
});

/** A period's counts for one slice value. */
export const SlicePeriodSchema = z.strictObject({
  from: z.string().describe('First day, `YYYY-MM-DD`.'),
  to: z.string().describe('Last day, `YYYY-MM-DD`.'),
  reviews: count,
  negative: count,
  negativeRate: rate.nullable().describe('negative / reviews; null without reviews.'),
});

/** One value of a slice dimension (a product, a carrier, a country...). */
export const SliceValueSchema = z.strictObject({
  value: z.string(),
  reviews: count,
  negative: count,
  negativeRate: rate,
  negativeRateInterval: interval.describe('Wilson score interval of the negative rate (at `sliceConfidence`).'),
  rated: count.describe('Reviews with a rating.'),
  averageRating: z.number().nullable().describe('Mean rating, or null when none was rated.'),
  topics: z.array(SliceTopicSchema).describe('Topics of the negative reviews, most frequent first.'),
  current: SlicePeriodSchema.nullable().describe('The last `slicePeriodDays` days, ending on the latest dated review\'s day; null when no review is dated.'),
  previous: SlicePeriodSchema.nullable().describe('The `slicePeriodDays` days before `current`.'),
  negativeRateChange: z.number().nullable().describe('current.negativeRate - previous.negativeRate; null when either period has no review.'),
});

/** `summary.slices[dimension]`. */
export const SliceSchema = z.strictObject({
  values: z.array(SliceValueSchema).describe('Ranked by negative rate, highest first (more reviews first on a tie).'),
  missing: count.describe('Reviews without a value for this dimension.'),
  omitted: count.describe('Values left out beyond `sliceMaxValues` (the least reviewed).'),
});

type ThemesShape = { [K in (typeof TOPICS)[number] | 'all']: z.ZodOptional<z.ZodArray<typeof ThemeTermSchema>> };

/** `BatchResult.summary`. */
export const SummarySchema = z.strictObject({
  total: count,
  sentiment: countsBy(SENTIMENT_LABELS),
  nature: countsBy(NATURES).describe('Negative reviews by nature.'),
  topics: countsBy(TOPICS).describe('Negative reviews by topic (a review can have several).'),
  severity: countsBy(SEVERITY_LEVELS),
  spam: z
    .strictObject({ total: count, kinds: countsBy(SPAM_KINDS) })
    .describe('Reviews flagged as spam, and counts by kind (a review can have several).'),
  themes: z
    .strictObject(Object.fromEntries([...TOPICS, 'all'].map((t) => [t, z.array(ThemeTermSchema).optional()])) as ThemesShape)
    .describe('Top complaint terms per topic, plus `all` for every negative review.'),
  daily: z.array(DailyPointSchema).describe('Per day, oldest first; empty when no review has a usable timestamp.'),
  undated: count.describe('Reviews without a usable timestamp (left out of `daily`).'),
  slices: z
    .record(z.string(), SliceSchema)
    .optional()
    .describe('By platform, productId, sku, country, channel, agent and the `sliceBy` meta keys: only the dimensions some review has.'),
});

export const AlertKindSchema = z.enum(ALERT_KINDS);
export const AlertLevelSchema = z.enum(ALERT_LEVELS);

/**
 * What to do about a crisis alert and by when (TAXONOMY section 7). The
 * built-in plans are data/alerts/plans.json; the alerts stage's `plans`
 * option overrides them field by field.
 */
export const ResponsePlanSchema = z.strictObject({
  lead: z.string().describe('Who leads the response.'),
  deadlines: z.array(z.strictObject({ what: z.string(), withinHours: z.number().nonnegative() })).describe('What must be done, within how many hours of the alert.'),
  contactNegativeShare: z.number().min(0).max(1).optional().describe('Share of the negative reviewers to contact (0.8 = 80 %).'),
  steps: z.array(z.string()).describe('Steps, in order.'),
});

/** `BatchResult.alerts` entry. */
export const AlertSchema = z.strictObject({
  kind: AlertKindSchema,
  level: AlertLevelSchema,
  message: z.string().describe('One sentence for a person.'),
  window: z
    .strictObject({ from: z.string(), to: z.string() })
    .nullable()
    .describe('The days (`YYYY-MM-DD`) or times (ISO-8601) the alert covers; null when it is not about a period.'),
  evidenceIds: z.array(z.string()).describe('Ids of the reviews behind the alert (most urgent first where that applies).'),
  group: z.string().optional().describe('Group id (`campaign` and `systemic_issue` alerts).'),
  value: z.number().optional().describe('The measured value (rating and rate alerts).'),
  baseline: z.number().optional().describe('The baseline the value was compared with (rating and rate alerts).'),
  crisisLevel: z.enum(CRISIS_PLANS).optional().describe('The crisis level (or the platform penalty line) the alert raises: `level-1` for a negative-rate spike or a spreading campaign, `level-2` for a core product, `level-3` for a routine rate.'),
  plan: ResponsePlanSchema.optional().describe('The response plan of `crisisLevel`.'),
  slice: z
    .strictObject({ dimension: z.string(), value: z.string() })
    .optional()
    .describe('The slice the alert is about (`core_product_negative`: the product; absent when the whole shop is meant).'),
});

/**
 * What analyzeBatch returns. `items` are in input order; later fields are
 * filled by the batch stages (spam groups, severity queue, summary, alerts).
 */
export const BatchResultSchema = z
  .strictObject({
    items: z.array(AnalysisSchema).describe('One Analysis per input review, in input order.'),
    groups: z.array(CampaignGroupSchema).optional().describe('Groups of similar reviews with their verdicts (campaign, systemic issue) from the `cluster` batch stage; absent when it is disabled.'),
    queue: z.array(QueueEntrySchema).optional().describe('Reviews to act on, most urgent first, campaign members collapsed (`queue` batch stage).'),
    summary: SummarySchema.optional().describe('Counts, complaint themes and per-day series (`summary` batch stage).'),
    alerts: z.array(AlertSchema).optional().describe('Monitoring alerts (`alerts` batch stage).'),
  })
  .describe('The result of analysing a batch of reviews.');

export type CampaignGroup = z.output<typeof CampaignGroupSchema>;
export type GroupVerdict = z.output<typeof GroupVerdictSchema>;
export type GroupSignal = z.output<typeof GroupSignalSchema>;
export type GroupEvidence = z.output<typeof GroupEvidenceSchema>;
export type GroupDefect = z.output<typeof GroupDefectSchema>;
export type QueueEntry = z.output<typeof QueueEntrySchema>;
export type ThemeTerm = z.output<typeof ThemeTermSchema>;
export type DailyPoint = z.output<typeof DailyPointSchema>;
export type Summary = z.output<typeof SummarySchema>;
export type SliceTopic = z.output<typeof SliceTopicSchema>;
export type SlicePeriod = z.output<typeof SlicePeriodSchema>;
export type SliceValue = z.output<typeof SliceValueSchema>;
export type Slice = z.output<typeof SliceSchema>;
export type AlertKind = z.output<typeof AlertKindSchema>;
export type AlertLevel = z.output<typeof AlertLevelSchema>;
export type Alert = z.output<typeof AlertSchema>;
export type ResponsePlan = z.output<typeof ResponsePlanSchema>;
export type BatchResult = z.output<typeof BatchResultSchema>;
