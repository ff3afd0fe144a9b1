import type { Analysis } from '../types.js';
import type { CampaignGroup } from './spam/types.js';

/**
 * What analyzeBatch returns. `items` are in input order; later fields are
 * filled by the batch stages (spam groups, severity queue, summary, alerts).
 */
export interface BatchResult {
  items: Analysis[];
  /** Near-duplicate groups (campaigns) from the `cluster` batch stage; absent when it is disabled. */
  groups?: CampaignGroup[];
}
