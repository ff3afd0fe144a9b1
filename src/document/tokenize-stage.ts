import { z } from 'zod';
import { defineStage } from '../context/define.js';

export { ScriptTokenizer } from '../text/tokenizer.js';
export { nodejiebaSegmenter, type Segmenter } from '../text/segmenter.js';

/** Fills doc.tokens with script-aware tokens whose offsets point into the original text. */
export const tokenizeStage = defineStage({
  name: 'tokenize',
  optionsSchema: z.object({}).strict(),
  requires: ['normalized'],
  provides: ['tokens'],
  create(ctx) {
    return {
      name: 'tokenize',
      run(doc) {
        const elongated = doc.signals.length ? doc.signals.filter((s) => s.kind === 'elongation') : undefined;
        doc.tokens = ctx.text.tokenize(doc.normalized, { offsetMap: doc.offsetMap, original: doc.original, elongated });
      },
    };
  },
});
