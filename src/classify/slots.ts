import { defineSlot } from '../kernel/slots.js';
import type { NegativeResult } from '../types.js';
import type { ClassifyScores } from './classify.js';

/** Nature, topics and evidence of a negative review (`analysis.negative`); null when it is not negative. */
export const NEGATIVE = defineSlot<NegativeResult | null>('negative', { output: 'negative', fallback: () => null });

/** Per-topic and per-nature scores, for later stages and evaluation. */
export const CLASSIFY_SCORES = defineSlot<ClassifyScores>('classify.scores');
