import { describe, expect, it } from 'vitest';
import { splitContractions } from '../src/text/contractions.js';
import { ScriptTokenizer } from '../src/text/tokenizer.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

// Expected pieces follow the Penn Treebank convention, written by hand here;
// bench/natural-parity.mjs checks the splitter against natural's tokenizer on the dev data.
describe('splitContractions', () => {
  it('splits each Treebank suffix off its word', () => {
    expect(splitContractions("isn't")).toEqual(['is', "n't"]);
    expect(splitContractions("can't")).toEqual(['ca', "n't"]);
    expect(splitContractions("we'll")).toEqual(['we', "'ll"]);
    expect(splitContractions("they're")).toEqual(['they', "'re"]);
    expect(splitContractions("I've")).toEqual(['I', "'ve"]);
    expect(splitContractions("it's")).toEqual(['it', "'s"]);
    expect(splitContractions("I'm")).toEqual(['I', "'m"]);
    expect(splitContractions("she'd")).toEqual(['she', "'d"]);
  });

  it('matches suffixes in any case', () => {
    expect(splitContractions("DON'T")).toEqual(['DO', "N'T"]);
    expect(splitContractions("WE'LL")).toEqual(['WE', "'LL"]);
  });

  it('splits only before a word boundary', () => {
    expect(splitContractions("o'clock")).toEqual(["o'clock"]);
    expect(splitContractions("rock'n'roll")).toEqual(["rock'n'roll"]);
    expect(splitContractions("'s")).toEqual(["'s"]); // no character before the suffix
  });

  it('splits again after a suffix only with a fresh character before the next one', () => {
    expect(splitContractions("shouldn't've")).toEqual(['should', "n't've"]);
    expect(splitContractions("y'all's")).toEqual(["y'all", "'s"]);
  });

  it('returns pieces that spell the run', () => {
    for (const run of ["isn't", "shouldn't've", "o'clock", "we'd", 'plain']) expect(splitContractions(run).join('')).toBe(run);
  });

  it('is what the tokenizer uses for Latin runs with an apostrophe', () => {
    const tokenizer = new ScriptTokenizer({ name: 'none', cut: (t) => [t] });
    expect(tokenizer.tokenize("it isn't bad, we'll see").map((t) => t.norm)).toEqual(['it', 'is', "n't", 'bad', ',', 'we', "'ll", 'see']);
  });

  it('splits contractions written with a curly apostrophe (U+2019) as with a straight one, keeping the text\'s characters', () => {
    const tokenizer = new ScriptTokenizer({ name: 'none', cut: (t) => [t] });
    const text = 'it didn’t work, we’ll see; O’Neil’s shop';
    const curly = tokenizer.tokenize(text);
    const straight = tokenizer.tokenize(text.replaceAll('’', "'"));
    expect(curly.map((t) => t.norm)).toEqual(['it', 'did', "n't", 'work', ',', 'we', "'ll", 'see', ';', "o'neil", "'s", 'shop']);
    expect(curly.map((t) => t.norm)).toEqual(straight.map((t) => t.norm));
    expect(curly.map((t) => t.text)).toContain('n’t');
    for (const t of curly) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('a curly-apostrophe negation negates as the straight one does, end to end', () => {
    const analyzer = defaultAnalyzer();
    for (const text of ['I didn’t like the room and the staff weren’t helpful', 'It isn’t bad at all', 'We won’t come back']) {
      const curly = analyzer.analyze(text);
      const straight = analyzer.analyze(text.replaceAll('’', "'"));
      // Evidence quotes the text as written (`n’t`), so compare it without the quotes' characters.
      const plain = (a: typeof curly) => ({ ...a.sentiment, evidence: a.sentiment.evidence.map((e) => ({ ...e, match: e.match?.replaceAll('’', "'") })) });
      expect(plain(curly), text).toEqual(plain(straight));
      expect(curly.sentiment.evidence.some((e) => e.match === 'n’t')).toBe(true);
      expect(curly.severity.level, text).toBe(straight.severity.level);
    }
    expect(analyzer.analyze('I didn’t like the room and the staff weren’t helpful').sentiment.label).toBe('negative');
  });

  it('takes time linear in the run length', () => {
    const time = (n: number): number => {
      const run = "a'd".repeat(n);
      const t0 = performance.now();
      for (let k = 0; k < 5; k++) splitContractions(run);
      return performance.now() - t0;
    };
    time(20_000);
    const ratio = time(200_000) / Math.max(time(20_000), 0.05);
    expect(ratio).toBeLessThan(40);
  });
});
