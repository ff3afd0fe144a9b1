import { z } from 'zod';
import type { Token } from '../kernel/doc.js';
import { traditionalToSimplified } from './converter.js';
import { normalizeShared, type Normalized } from './normalize.js';
import type { Segmenter } from './segmenter.js';
import { ScriptTokenizer, type TokenizeHooks } from './tokenizer.js';

/** Options of normalisation (`stageOptions.normalize`): they apply to reviews and to lexicon terms alike. */
export const NormalizeOptionsSchema = z
  .object({
    /** Fold traditional characters to simplified. */
    traditionalToSimplified: z.boolean().default(true),
    /** Join Han characters spaced out to dodge filters (`加 微 信`). */
    joinSpacedHan: z.boolean().default(true),
    /** `!!!!!` -> `!!`. */
    foldRepeatedPunctuation: z.boolean().default(true),
    /** `soooo` -> `soo`, `好好好好好` -> `好好好`. */
    foldElongation: z.boolean().default(true),
  })
  .strict();

export type TextOptions = z.output<typeof NormalizeOptionsSchema>;

/**
 * Normalisation and tokenisation as one service with one set of options,
 * built once per analyzer: the normalize and tokenize stages call it for
 * review text, and the lexicon layer calls `normalizeTerm` / `tokenizeTerm`
 * for terms, so a term always matches the way review text is read.
 */
export class TextService {
  readonly options: TextOptions;
  readonly tokenizer: ScriptTokenizer;
  private readonly convert: ReturnType<typeof traditionalToSimplified> | null;

  constructor(segmenter: Segmenter, options: TextOptions) {
    this.options = options;
    this.tokenizer = new ScriptTokenizer(segmenter);
    this.convert = options.traditionalToSimplified ? traditionalToSimplified() : null;
  }

  /** Review text -> normalised text, offset map (shared identity view when nothing moved) and signals. */
  normalize(text: string): Normalized {
    return normalizeShared(text, this.convert, this.options);
  }

  tokenize(normalized: string, options?: TokenizeHooks): Token[] {
    return this.tokenizer.tokenize(normalized, options);
  }

  /** A lexicon term as review text is normalised, lower-cased and trimmed (bound: pass it around as a function). */
  readonly normalizeTerm = (term: string): string => this.normalize(term).text.toLowerCase().trim();

  /** Tokens of a short text (a lexicon term, a test string), offsets into that text (bound). */
  readonly tokenizeTerm = (term: string): Token[] => this.tokenize(this.normalizeTerm(term));
}
