import type { LexiconSet } from '../lexicon/load.js';
import type { LexiconLang } from '../lexicon/schema.js';
import type { ScriptTokenizer } from '../text/tokenizer.js';
import type { Token } from '../kernel/doc.js';

/**
 * Resources shared by every stage of one analyzer, built once in
 * createAnalyzer: validated lexicons, the tokenizer, and a way to turn a
 * lexicon term into the token norms it must match.
 */
export interface AnalyzerContext {
  readonly lexicons: LexiconSet;
  readonly tokenizer: ScriptTokenizer;
  /** Normalise a term exactly as review text is normalised (NFKC, simplified, lower case). */
  normalizeTerm(term: string, lang?: LexiconLang): string;
  /** Tokens of a short text (a lexicon term, a test string), offsets into that text. */
  tokenizeTerm(term: string): Token[];
  /** Absolute path of the package's data folder (lexicons, models). */
  readonly dataDir: string;
}
