import { z } from 'zod';
import { defineStage } from '../context/define.js';
import type { LexiconLang } from '../lexicon/schema.js';
import { StructureMarker } from './structure.js';

/**
 * The structure pass: clause and sentence boundaries (doc.clauses) and token
 * flags for negators and their scope, contrast markers and fillers, from the
 * negators, contrast and fillers lexicons of both languages (reviews mix them).
 */
export const structureStage = defineStage({
  name: 'structure',
  optionsSchema: z.object({}).strict(),
  requires: ['tokens'],
  provides: ['structure'],
  create(ctx) {
    const langs: LexiconLang[] = ['zh', 'en'];
    const marker = new StructureMarker(ctx.text.tokenizeTerm, {
      negators: langs.flatMap((l) => ctx.lexicons.get(l, 'negators')),
      contrast: langs.flatMap((l) => ctx.lexicons.get(l, 'contrast')),
      fillers: langs.flatMap((l) => ctx.lexicons.get(l, 'fillers')),
    });
    return {
      name: 'structure',
      run(doc) {
        doc.clauses = marker.mark(doc.tokens);
      },
    };
  },
});
