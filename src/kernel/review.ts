import { z } from 'zod';
import { InputError, type ValidationIssue } from './errors.js';
import { parseTimestamp } from './timestamp.js';
import { LANGUAGES } from '../schema/labels.js';
import type { Language } from '../schema/analysis.js';

export { LANGUAGES, type Language };

/**
 * One review or comment as a caller passes it. Only `text` is required;
 * metadata feeds spam (authorId, ip, timestamp, accountAgeDays) and severity (rating, likes,
 * pinned, replies). Unknown keys are rejected so typos surface at once.
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
  })
  .strict();

export type ReviewInput = z.input<typeof ReviewInputSchema>;

/** A validated review with a string id and the input's metadata kept as given. */
export interface NormalizedReview extends Omit<ReviewInput, 'id'> {
  id: string;
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
