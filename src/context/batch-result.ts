import type { Analysis } from '../types.js';
import type { CampaignGroup } from '../spam/batch/types.js';
import type { Alert, QueueEntry, Summary } from '../triage/types.js';

/**
 * What analyzeBatch returns. `items` are in input order; later fields are
 * filled by the batch stages (spam groups, severity queue, summary, alerts).
 */
export interface BatchResult {
  items: Analysis[];
  /** Near-duplicate groups (campaigns) from the `cluster` batch stage; absent when it is disabled. */
  groups?: CampaignGroup[];
  /** Reviews to act on, most urgent first, campaign members collapsed (`queue` batch stage). */
  queue?: QueueEntry[];
  /** Counts, complaint themes and per-day series (`summary` batch stage). */
  summary?: Summary;
  /** Monitoring alerts (`alerts` batch stage). */
  alerts?: Alert[];
}
