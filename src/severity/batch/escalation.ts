import { z } from 'zod';
import type { BatchState } from '../../context/batch-state.js';
import { GROUP, MEMBERSHIP } from '../../spam/slots.js';
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
    /** Level at least for a reporter of a systemic issue (a clear genuine complaint is medium already). */
    systemicLevel: z.enum(SEVERITY_LEVELS).default('medium'),
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
  reads: [GROUP, MEMBERSHIP, SENTIMENT, NEGATIVE, SEVERITY_BASIS],
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

/**
 * Records, for each negative campaign member (coordinated, or any member of a
 * campaign or burst group when no MEMBERSHIP says otherwise) the level the
 * campaign raises it to, and for each reporter of a systemic issue its floor.
 * Independent members of a campaign group (a copied original) are left alone.
 */
export function applyCampaigns(state: BatchState, o: EscalationOptions): void {
  for (const doc of state.docs) {
    if (!isNegative(doc)) continue;
    const m = doc.peek(MEMBERSHIP);
    if (m?.role === 'reporter') {
      const g = m.group;
      doc.set(ESCALATION, { kind: 'systemic', to: o.systemicLevel, burst: false, groupId: g.id, size: g.size, distinctAuthors: g.distinctAuthors, terms: g.defect?.terms ?? [] });
      continue;
    }
    const g = doc.peek(GROUP);
    if (!g || !(g.campaign || g.burst)) continue;
    if (m && m.role !== 'campaign') continue;
    doc.set(ESCALATION, { kind: 'campaign', to: g.burst ? o.burstLevel : o.campaignLevel, burst: g.burst, groupId: g.id, size: g.size, distinctAuthors: g.distinctAuthors });
  }
}
