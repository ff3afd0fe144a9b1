import { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH } from '../../src/analyzer/analyzer.js';
import { parseReviewInput } from '../../src/kernel/review.js';
import { TriageDoc } from '../../src/kernel/doc.js';
import { BUILTIN_STAGES } from '../../src/analyzer/registry.js';
import { denseFeatures, FeatureExtractor, latinShare, modelContrastAt } from '../../src/sentiment/features.js';
import { LexiconScorer } from '../../src/sentiment/lexicon-scorer.js';
import { SentimentOptionsSchema } from '../../src/sentiment/index.js';

/**
 * Used only by scripts/train-sentiment.mjs (which compiles this file on the
 * fly): turns a text into exactly the features the stage computes at run
 * time, through the same normaliser, tokenizer and lexicon scorer.
 */
export function createFeaturizer(hashBits: number) {
  const keep = new Set(['normalize', 'language', 'tokenize']);
  const analyzer = createAnalyzer({ disable: BUILTIN_STAGES.map((d) => d.name).filter((n) => !keep.has(n)) });
  const scorer = new LexiconScorer(analyzer.context, SentimentOptionsSchema.parse({}));
  const fx = new FeatureExtractor(hashBits);
  const stages = analyzer.pipeline.list();
  return {
    /** `values`: each sparse feature's value (1/sqrt(n), discounted before a contrast marker) as the stage computes it. */
    featurize(id: string, text: string): { index: Int32Array; values: Float32Array; dense: number[]; lexScore: number } {
      const doc = new TriageDoc(parseReviewInput({ id, text }, id), DEFAULT_MAX_TEXT_LENGTH);
      for (const s of stages) s.run(doc);
      const lex = scorer.score(doc);
      const n = fx.extract(doc, null);
      const values = new Float32Array(n);
      const value = n > 0 ? 1 / Math.sqrt(n) : 0;
      const cut = modelContrastAt(doc.language, lex);
      for (let k = 0; k < n; k++) values[k] = fx.spanEnd[k]! <= cut ? value / lex.contrastWeight : value;
      return { index: fx.index.slice(0, n), values, dense: Array.from(denseFeatures(lex, latinShare(doc.language))), lexScore: lex.score };
    },
  };
}
export { DENSE_FEATURES } from '../../src/sentiment/features.js';
