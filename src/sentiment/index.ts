import path from 'node:path';
import fs from 'node:fs';
import { z } from 'zod';
import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, SentimentLabel } from '../types.js';
import { defineStage } from '../context/define.js';
import { DENSE_FEATURES, denseFeatures, latinShare, modelContrastAt, type FeatureExtractor } from './features.js';
import { LexiconScorer, type LexiconScore } from './lexicon-scorer.js';
import { SentimentModel } from './model.js';
import { NEGATIVE_PROBABILITY, SENTIMENT } from './slots.js';

export { SENTIMENT, NEGATIVE_PROBABILITY } from './slots.js';

export { LexiconScorer, type LexiconScore } from './lexicon-scorer.js';
export { FeatureExtractor, DENSE_FEATURES, denseFeatures } from './features.js';
export { SentimentModel, quantize, type SentimentModelFile } from './model.js';

export const SentimentOptionsSchema = z
  .object({
    /** |score| below this is `neutral` (score = 2 * P(positive) - 1). */
    neutralBand: z.number().min(0).max(1).default(0.2),
    /** Use the learned model on top of the lexicon (false: lexicon rules only). */
    useModel: z.boolean().default(true),
    /** Another model file (from scripts/train-sentiment.mjs); default data/models/sentiment.json. */
    modelPath: z.string().min(1).optional(),
    /** A negated opinion word counts -factor times its weight (`not bad` is mildly good). */
    negationFactor: z.number().min(0).max(2).default(0.7),
    /** Contrast weight for markers whose lexicon entry gives none. */
    contrastWeight: z.number().min(0).max(5).default(2),
    /** Opinions in a clause ending with `!` are scaled by this. */
    exclamationFactor: z.number().min(0).max(3).default(1.3),
    /** Opinions in a genuine question are scaled by this; the whole score too when every opinion is asked. */
    questionFactor: z.number().min(0).max(1).default(0.3),
    /** Logit per unit of lexicon score when the model is off. */
    lexiconWeight: z.number().min(0).max(10).default(0.9),
    /** Extra logit per unit of score from the caller's own lexicon entries (which the model then ignores). */
    userLexiconWeight: z.number().min(0).max(10).default(1.5),
    /** Logit per star away from 3 when the review has a `rating` (evidence, not the answer). */
    ratingWeight: z.number().min(0).max(5).default(0.6),
    /** Scale of the logit when no opinion word was found: the model alone is less sure. */
    noOpinionFactor: z.number().min(0).max(1).default(0.6),
  })
  .strict();

export type SentimentOptions = z.output<typeof SentimentOptionsSchema>;

const MODEL_NOTE = "the learned model's logit (lexicon features included); above 0 leans positive";

/** Lexicon scores below this count as "the lexicon has no opinion" for confidence. */
const LEXICON_NEUTRAL = 0.3;

/**
 * The sentiment stage: a curated lexicon with rules (negation, intensity,
 * contrast, questions, emoji) feeding, and overridable on top of, a hashed
 * logistic-regression model. Fills the SENTIMENT slot and, for later
 * stages, NEGATIVE_PROBABILITY (0..1).
 */
export const sentimentStage = defineStage({
  name: 'sentiment',
  optionsSchema: SentimentOptionsSchema,
  requires: ['tokens', 'structure'],
  reads: ['language'],
  provides: [SENTIMENT, NEGATIVE_PROBABILITY],
  create(ctx, options) {
    const scorer = new LexiconScorer(ctx, options);
    const modelFile = options.modelPath ? path.resolve(options.modelPath) : path.join(ctx.dataDir, 'models', 'sentiment.json');
    // The built-in model may be absent in a fresh checkout before training: fall back to the lexicon rules.
    const model = options.useModel && (options.modelPath || fs.existsSync(modelFile)) ? SentimentModel.load(modelFile) : null;
    const features = model ? model.extractor() : null;
    const dense = new Float64Array(DENSE_FEATURES.length); // reused: run() allocates no feature arrays
    return {
      name: 'sentiment',
      run(doc) {
        scoreSentiment(doc, scorer, model, features, dense, options);
      },
    };
  },
});

function hasContent(doc: TriageDoc): boolean {
  for (const t of doc.tokens) if (t.type !== 'punct' && t.type !== 'other') return true;
  return false;
}

export function scoreSentiment(doc: TriageDoc, scorer: LexiconScorer, model: SentimentModel | null, features: FeatureExtractor | null, dense: Float64Array, o: SentimentOptions): void {
  if (!hasContent(doc)) {
    doc.set(SENTIMENT, { label: 'neutral', score: 0, confidence: 0, evidence: [] });
    doc.set(NEGATIVE_PROBABILITY, 0.5);
    return;
  }
  const lex = scorer.score(doc);
  const evidence: Evidence[] = lex.evidence;

  let modelLogit: number;
  if (model && features) {
    modelLogit = model.predict(doc, features, lex.userSpans, denseFeatures(lex, latinShare(doc.language), dense), modelContrastAt(doc.language, lex), lex.contrastWeight);
    evidence.push({ source: 'model', rule: 'linear-model', weight: round(modelLogit), note: MODEL_NOTE });
    // The n-gram / word that pushed the model hardest each way.
    const scale = 1 / Math.sqrt(features.count);
    if (features.maxStart >= 0 && features.maxWeight * scale >= 0.05) evidence.push(doc.evidenceAt(features.maxStart, features.maxEnd, 'model', 'model-feature', round(features.maxWeight * scale)));
    if (features.minStart >= 0 && features.minWeight * scale <= -0.05) evidence.push(doc.evidenceAt(features.minStart, features.minEnd, 'model', 'model-feature', round(features.minWeight * scale)));
  } else modelLogit = o.lexiconWeight * lex.score;

  let logit = modelLogit + o.userLexiconWeight * lex.userScore;
  if (lex.hits === 0) logit *= o.noOpinionFactor;
  if (lex.questionOnly) {
    logit *= o.questionFactor;
    evidence.push({ source: 'rule', rule: 'question', note: 'every opinion is asked, not stated' });
  }
  const rating = doc.review.rating;
  if (rating !== undefined) {
    const w = o.ratingWeight * (rating - 3);
    logit += w;
    if (w !== 0) evidence.push({ source: 'metadata', rule: `rating=${rating}`, weight: round(w) });
  }

  const p = sigmoid(logit);
  const score = 2 * p - 1;
  const label: SentimentLabel = Math.abs(score) < o.neutralBand ? 'neutral' : score > 0 ? 'positive' : 'negative';
  doc.set(SENTIMENT, { label, score: round(score), confidence: round(Math.abs(score) * agreement(lex, modelLogit)), evidence });
  doc.set(NEGATIVE_PROBABILITY, round(1 - p));
}

/** Confidence is discounted when the lexicon is silent, and more when it contradicts the model. */
function agreement(lex: LexiconScore, modelLogit: number): number {
  if (Math.abs(lex.score) < LEXICON_NEUTRAL) return 0.8;
  return Math.sign(lex.score) === Math.sign(modelLogit) ? 1 : 0.5;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
