import { createRequire } from 'node:module';
import { z } from 'zod';
import { defineStage } from '../definition.js';
import { normalizeText, type ChineseConverter } from './normalize.js';

export { normalizeText } from './normalize.js';
export type { NormalizeOptions, Normalized, ChineseConverter } from './normalize.js';

const require = createRequire(import.meta.url);
let converter: ChineseConverter | null = null;

/** opencc-js traditional (Taiwan/Hong Kong forms included) -> mainland simplified, built once per process. */
export function traditionalToSimplified(): ChineseConverter {
  if (!converter) {
    const OpenCC = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): ChineseConverter };
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    converter = (s) => hk(tw(s));
  }
  return converter;
}

export const normalizeOptionsSchema = z
  .object({
    traditionalToSimplified: z.boolean().default(true),
    joinSpacedHan: z.boolean().default(true),
    foldRepeatedPunctuation: z.boolean().default(true),
    foldElongation: z.boolean().default(true),
  })
  .strict();

/** Folds disguises and variants so later stages see one canonical text; keeps the offset map. */
export const normalizeStage = defineStage({
  name: 'normalize',
  optionsSchema: normalizeOptionsSchema,
  create(_ctx, options) {
    const convert = options.traditionalToSimplified ? traditionalToSimplified() : null;
    return {
      name: 'normalize',
      run(doc) {
        const n = normalizeText(doc.original, convert, options);
        doc.normalized = n.text;
        doc.offsetMap = n.map;
        doc.signals = n.signals;
      },
    };
  },
});
