import { z } from 'zod';
import type { BatchState } from '../../context/batch-state.js';
import type { CampaignGroup } from '../../spam/batch/types.js';
import { defineBatchStage } from '../../context/define.js';
import { severityState } from '../policy.js';
import { SEVERITY_LEVELS } from '../../types.js';
import { isNegative } from '../../triage/docs.js';

export const EscalationOptionsSchema = z
  .object({
    /** Level at least for a negative member of a campaign group (the cluster stage's `campaign`). */
    campaignLevel: z.enum(SEVERITY_LEVELS).default('high'),
    /** Level at least for a negative member of a spreading campaign (the flood stage's `burst`). */
    burstLevel: z.enum(SEVERITY_LEVELS).default('critical'),
  })
  .strict();

export type EscalationOptions = z.output<typeof EscalationOptionsSchema>;

/**
 * Raises the severity of negative reviews that belong to a campaign found by
 * the spam batch stages (`BatchResult.groups`): a smear campaign is more
 * urgent than any one of its posts, and a spreading one is critical
 * (TAXONOMY section 4). Never lowers a level. Positive campaigns (paid
 * praise) are left to the spam results.
 */
export const escalationStage = defineBatchStage({
  name: 'escalation',
  optionsSchema: EscalationOptionsSchema,
  create(_ctx, options) {
    return {
      name: 'escalation',
      run(state: BatchState) {
        applyCampaigns(state, options);
      },
    };
  },
});

export function applyCampaigns(state: BatchState, o: EscalationOptions): void {
  const groups = new Map<string, CampaignGroup>();
  for (const g of state.result.groups ?? []) if (g.campaign || g.burst) groups.set(g.id, g);
  if (groups.size === 0) return;
  for (const doc of state.docs) {
    const g = doc.spam.cluster === null ? undefined : groups.get(doc.spam.cluster);
    const sev = severityState(doc);
    if (!g || !sev || !isNegative(doc)) continue;
    const to = g.burst ? o.burstLevel : o.campaignLevel;
    const reason = sev.policy.say.campaign(g.burst, g.id, g.size, g.distinctAuthors);
    sev.policy.raise(doc, to, Math.log2(g.size), reason, { source: 'batch', rule: g.burst ? 'campaign:burst' : 'campaign', label: g.id, note: `${g.size} members` }, true);
  }
}
