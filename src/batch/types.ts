import type { Analysis } from '../types.js';

/**
 * What analyzeBatch returns. `items` are in input order; later fields are
 * filled by the batch stages (spam groups, severity queue, summary, alerts).
 */
export interface BatchResult {
  items: Analysis[];
}
