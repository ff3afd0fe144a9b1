import type { NormalizedReview } from '../kernel/review.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { BatchResult } from './batch-result.js';

/** What batch stages share: every review's doc (same order as the input) and the result being built. */
export interface BatchState {
  readonly reviews: NormalizedReview[];
  readonly docs: TriageDoc[];
  readonly result: BatchResult;
  /** Each review's time in epoch ms (null: none usable), parsed once by analyzeBatch. */
  readonly times: ReadonlyArray<number | null>;
  /** Batch options for the stage, keyed by stage name (validated by each stage). */
  readonly options: Record<string, unknown>;
}
