import { defineSlot } from '../kernel/slots.js';
import { noSpam, type Evidence, type SpamResult } from '../types.js';
import type { CampaignGroup } from './batch/types.js';

/** The review's spam result (`analysis.spam`); not spam when no spam stage ran. */
export const SPAM = defineSlot<SpamResult>('spam', { output: 'spam', fallback: noSpam });

/** Evidence that fired no spam kind, folded into the score: the re-decision after batch facts keeps it. */
export const SPAM_PARTIAL = defineSlot<number>('spam.partial');

/** Batch fact: the near-duplicate group the review belongs to (the `cluster` batch stage). */
export const GROUP = defineSlot<CampaignGroup>('spam.group', { batchFact: true });

/** Batch fact: why the review is part of a flood (the `flood` batch stage), one record per source. */
export const FLOOD = defineSlot<Evidence[]>('spam.flood', { batchFact: true });

/**
 * A review's part in the verdict of a group (TAXONOMY section 6):
 * - `campaign`: a member with coordination evidence in a campaign group (duplicate; a negative one is an attack);
 * - `independent`: a near-copy inside a campaign group with no such evidence (a copied original: its nature stays);
 * - `reporter`: one of the customers of a systemic issue (nature stays, the action is to fix the product);
 * - `copy`: a near-copy in a group with neither verdict (duplicate, nothing else).
 */
export type GroupRole = 'campaign' | 'independent' | 'reporter' | 'copy';
export interface GroupMembership {
  role: GroupRole;
  /** The group whose verdict gives the role: the campaign, the systemic issue, or the near-copy group. */
  group: CampaignGroup;
}

/** Batch fact: the review's role in its group's verdict (the `cluster` batch stage). */
export const MEMBERSHIP = defineSlot<GroupMembership>('spam.membership', { batchFact: true });
