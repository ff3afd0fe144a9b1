import type { LexiconSet } from '../lexicon/load.js';
import type { TextService } from '../text/service.js';

/**
 * Resources shared by every stage of one analyzer, built once in
 * createAnalyzer: validated lexicons, the text service (normalisation and
 * tokenisation of reviews and of lexicon terms, with one set of options),
 * and the data folder.
 */
export interface AnalyzerContext {
  readonly lexicons: LexiconSet;
  readonly text: TextService;
  /** Absolute path of the package's data folder (lexicons, models). */
  readonly dataDir: string;
}
