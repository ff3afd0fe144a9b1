import { defineSlot } from '../kernel/slots.js';
import { neutralSentiment, type SentimentResult } from '../types.js';

/** The review's sentiment (`analysis.sentiment`); neutral with confidence 0 when no sentiment stage ran. */
export const SENTIMENT = defineSlot<SentimentResult>('sentiment', { output: 'sentiment', fallback: neutralSentiment });

/** P(negative) in [0, 1] before the neutral band is applied: alerts send unsure reviews to a person. */
export const NEGATIVE_PROBABILITY = defineSlot<number>('sentiment.negativeProbability');
