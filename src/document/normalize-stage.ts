import { NormalizeOptionsSchema } from '../text/service.js';
import { defineStage } from '../context/define.js';

/**
 * Folds disguises and variants so later stages see one canonical text; keeps
 * the offset map. The analyzer's text service does the work, with the
 * options of `stageOptions.normalize`, which lexicon terms are normalised
 * with too.
 */
export const normalizeStage = defineStage({
  name: 'normalize',
  optionsSchema: NormalizeOptionsSchema,
  provides: ['normalized'],
  create(ctx) {
    return {
      name: 'normalize',
      run(doc) {
        const n = ctx.text.normalize(doc.original);
        doc.normalized = n.text;
        doc.offsetMap = n.map;
        doc.signals = n.signals;
      },
    };
  },
});
