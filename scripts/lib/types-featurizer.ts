import { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH } from '../../src/analyzer/analyzer.js';
import { parseReviewInput } from '../../src/kernel/review.js';
import { TriageDoc } from '../../src/kernel/doc.js';
import { BUILTIN_STAGES } from '../../src/analyzer/registry.js';
import { analyzeCues } from '../../src/classify/classify.js';
import { CueTable } from '../../src/classify/cues.js';
import { TypesFeatures } from '../../src/classify/features.js';

/**
 * Used only by scripts/train-types.mjs (which compiles this file on the fly):
 * turns a text into exactly the features the classify stage computes at run
 * time, through the same normaliser, tokenizer and cue pass.
 */
export function createTypesFeaturizer(hashBits: number) {
  const keep = new Set(['normalize', 'language', 'tokenize']);
  const analyzer = createAnalyzer({ disable: BUILTIN_STAGES.map((d) => d.name).filter((n) => !keep.has(n)) });
  const cues = new CueTable(analyzer.context);
  const fx = new TypesFeatures(hashBits);
  const stages = analyzer.pipeline.list();
  return {
    featurize(id: string, text: string): { index: Int32Array; dense: number[] } {
      const doc = new TriageDoc(parseReviewInput({ id, text }, id), DEFAULT_MAX_TEXT_LENGTH);
      for (const s of stages) s.run(doc);
      const { hits, clauses, ts, scores } = analyzeCues(doc, cues);
      const n = fx.extract(doc, hits, clauses, ts, scores, null);
      return { index: fx.index.slice(0, n), dense: Array.from(fx.dense) };
    },
  };
}
export { MODEL_TOPICS, TYPES_DENSE_FEATURES } from '../../src/classify/features.js';
export { TYPES_OUTPUTS } from '../../src/classify/model.js';
