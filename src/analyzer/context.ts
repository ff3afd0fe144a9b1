import type { AnalyzerContext } from '../context/context.js';
import { dataDir, LexiconSet, readBuiltinLexicons, resolveLexiconSource, type LexiconSource } from '../lexicon/load.js';
import type { Lexicon, LexiconLang } from '../lexicon/schema.js';
import type { Segmenter } from '../text/segmenter.js';
import { TextService, type TextOptions } from '../text/service.js';
import { isHan } from '../util/chars.js';

/**
 * The analyzer's shared resources: the text service (one set of
 * normalisation options for reviews and terms), the lexicons normalised by
 * it, and the segmenter taught the multi-character Chinese terms when it
 * keeps a dictionary of its own (see Segmenter.withWords).
 */
export function buildContext(sources: LexiconSource[], builtin: boolean, segmenter: Segmenter, textOptions: TextOptions, data: string = dataDir()): AnalyzerContext {
  const lexicons: Lexicon[] = [...(builtin ? readBuiltinLexicons(data) : []), ...sources.map((s, i) => resolveLexiconSource(s, i))];
  // Terms are normalised before the segmenter learns them; normalisation never needs the segmenter.
  const termText = new TextService(segmenter, textOptions);
  const set = new LexiconSet(lexicons, termText.normalizeTerm);
  const words: string[] = [];
  for (const lang of ['zh', 'en'] as LexiconLang[]) {
    for (const term of set.terms(lang)) if (term.length >= 2 && [...term].every((ch) => isHan(ch.codePointAt(0)!))) words.push(term);
  }
  let taught = segmenter;
  if (segmenter.withWords) taught = segmenter.withWords(words);
  else if (segmenter.addWord) for (const w of words) segmenter.addWord(w); // the caller's own segmenter, taught in place
  return { lexicons: set, text: taught === segmenter ? termText : new TextService(taught, textOptions), dataDir: data };
}
