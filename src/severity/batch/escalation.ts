import { z } from 'zod';
import type { BatchState } from '../../context/batch-state.js';
import { GROUP } from '../../spam/slots.js';
import { SENTIMENT } from '../../sentiment/slots.js';
import { NEGATIVE } from '../../classify/slots.js';
import { ESCALATION, SEVERITY_BASIS } from '../slots.js';
import { defineBatchStage } from '../../context/define.js';
import { SEVERITY_LEVELS } from '../../types.js';
import { isNegative } from '../negative.js';

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
  phase: 'facts',
  reads: [GROUP, SENTIMENT, NEGATIVE, SEVERITY_BASIS],
  provides: [ESCALATION],
  create(_ctx, options) {
    return {
      name: 'escalation',
      run(state: BatchState) {
        applyCampaigns(state, options);
      },
    };
  },
});

/** Records, for each negative member of a campaign or burst group, the level the campaign raises it to. */
export function applyCampaigns(state: BatchState, o: EscalationOptions): void {
  for (const doc of state.docs) {
    const g = doc.peek(GROUP);
    if (!g || !(g.campaign || g.burst) || !isNegative(doc)) continue;
    doc.set(ESCALATION, { to: g.burst ? o.burstLevel : o.campaignLevel, burst: g.burst, groupId: g.id, size: g.size, distinctAuthors: g.distinctAuthors });
  }
}
