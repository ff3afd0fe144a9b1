import { z } from 'zod';
import { defineStage } from '../context/define.js';
import { detectLanguage } from '../text/language.js';

export { detectLanguage } from '../text/language.js';

/** Sets doc.language; an explicit `lang` on the input wins. */
export const languageStage = defineStage({
  name: 'language',
  optionsSchema: z.object({}).strict(),
  requires: ['normalized'],
  provides: ['language'],
  create() {
    return {
      name: 'language',
      run(doc) {
        doc.language = doc.review.lang ?? detectLanguage(doc.normalized);
      },
    };
  },
});
