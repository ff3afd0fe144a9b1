import { z } from 'zod';
import { InputError, type ValidationIssue } from './errors.js';
import { parseTimestamp } from './timestamp.js';
import { LANGUAGES } from '../schema/labels.js';
import { MetaValueSchema, type Language } from '../schema/analysis.js';

export { LANGUAGES, type Language };

/** A merchant's own key (a product, order or SKU code): written as a string or a number, kept as a string. */
const merchantKey = z.union([z.string().trim().min(1), z.number()]).transform(String);
/** A merchant's slice value (a country, a carrier, an agent): a non-empty string. */
const merchantValue = z.string().trim().min(1);

/**
 * One review or comment as a caller passes it. Only `text` is required;
 * metadata feeds spam (authorId, ip, timestamp, accountAgeDays) and severity (rating, likes,
 * pinned, replies); the merchant's own fields (productId, sku, orderId,
 * country, channel, agent, meta) are echoed on every result and feed the
 * summary's slices and the crisis alerts. Unknown keys are rejected so typos
 * surface at once; the CLI's readers move unknown columns into `meta`.
 */
export const ReviewInputSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    text: z.string(),
    rating: z.number().min(0).max(5).optional(),
    authorId: z.string().optional(),
    ip: z.string().optional(),
    /** ISO-8601 (and a few common) date strings, epoch seconds or milliseconds, or a Date; see ./timestamp.ts. Unusable values are ignored and reported in `Analysis.timestampIssue`. */
    timestamp: z.union([z.string(), z.number(), z.date()]).optional(),
    likes: z.number().int().min(0).optional(),
    pinned: z.boolean().optional(),
    replies: z.number().int().min(0).optional(),
    platform: z.string().optional(),
    /** Age of the author's account when the review was posted: new or throwaway accounts are a campaign signal. */
    accountAgeDays: z.number().min(0).optional(),
    lang: z.enum(LANGUAGES).optional(),
    /** The product (listing) the review is about. */
    productId: merchantKey.optional(),
    /** The SKU (variant: size, colour) bought; its own field beside productId, not an alias (a product has several SKUs). */
    sku: merchantKey.optional(),
    /** The order, so a result can be joined back to it. */
    orderId: merchantKey.optional(),
    /** The buyer's country or region. */
    country: merchantValue.optional(),
    /** The logistics channel or carrier (e.g. SF, 4PX, FBA). Not the sales platform: that is `platform`. */
    channel: merchantValue.optional(),
    /** The support agent (or shift) who handled the customer. */
    agent: merchantValue.optional(),
    /** Any other field of the merchant's export (production batch, warehouse, campaign...). */
    meta: z.record(z.string(), MetaValueSchema).optional(),
  })
  .strict();

/** The fields a ReviewInput knows (the CLI moves any other key into `meta`). */
export const REVIEW_INPUT_KEYS: readonly string[] = Object.keys(ReviewInputSchema.shape);

/** The merchant's own fields echoed on every result, in output order. */
export const MERCHANT_FIELDS = ['platform', 'productId', 'sku', 'orderId', 'country', 'channel', 'agent'] as const;
export type MerchantField = (typeof MERCHANT_FIELDS)[number];

export type ReviewInput = z.input<typeof ReviewInputSchema>;

/** A validated review with a string id, the merchant's keys as strings and the other metadata kept as given. */
export interface NormalizedReview extends Omit<ReviewInput, 'id' | 'productId' | 'sku' | 'orderId'> {
  id: string;
  productId?: string;
  sku?: string;
  orderId?: string;
}

export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
  }));
}

export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

/**
 * Accepts a string or a ReviewInput and returns a validated review.
 * `fallbackId` names reviews without an id (their index in a batch).
 */
export function parseReviewInput(input: unknown, fallbackId: string): NormalizedReview {
  if (typeof input === 'string') return { id: fallbackId, text: input };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
    throw new InputError(`A review must be a string or an object with a "text" field; got ${got}.`, [
      { path: [], message: `expected string or object, got ${got}` },
    ]);
  }
  const parsed = ReviewInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new InputError(`Invalid review: ${describeIssues(issues)}`, issues);
  }
  const { id, ...rest } = parsed.data;
  return { ...rest, id: id === undefined ? fallbackId : String(id) };
}

/**
 * Epoch milliseconds of a review timestamp, or null when absent or unusable
 * (the rules are in ./timestamp.ts; `timestampIssue` says why one was refused).
 */
export function timestampMs(value: ReviewInput['timestamp']): number | null {
  if (value === undefined) return null;
  const r = parseTimestamp(value);
  return r.ok ? r.ms : null;
}

/** The fields every output item echoes (schema/analysis.ts `ReviewEchoShape`). */
export interface ReviewEcho {
  platform?: string;
  productId?: string;
  sku?: string;
  orderId?: string;
  country?: string;
  channel?: string;
  agent?: string;
  meta?: Record<string, string | number | boolean>;
  time?: string;
}

/**
 * The review's merchant fields and its time (ISO-8601 UTC, from `ms` when the
 * caller has parsed it already), for joining a result back to the order.
 * Only the fields the review has are set.
 */
export function reviewEcho(review: NormalizedReview, ms: number | null = timestampMs(review.timestamp)): ReviewEcho {
  const out: ReviewEcho = {};
  for (const f of MERCHANT_FIELDS) {
    const v = review[f];
    if (v !== undefined) out[f] = v;
  }
  if (review.meta !== undefined) out.meta = review.meta;
  if (ms !== null) out.time = new Date(ms).toISOString();
  return out;
}
