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
