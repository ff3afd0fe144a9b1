import type { NormalizedReview } from '../../kernel/review.js';

/**
 * The product a review is about: `productId`, else `sku`, when the review
 * input carries them (the merchant's own fields); null otherwise. Read
 * defensively so batches without these fields group as one product.
 */
export function productOf(review: NormalizedReview): string | null {
  const r = review as { productId?: unknown; sku?: unknown };
  for (const v of [r.productId, r.sku]) {
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return null;
}
