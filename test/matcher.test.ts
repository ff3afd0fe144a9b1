import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../src/extend.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const ctx = () => defaultAnalyzer().context;

describe('PhraseMatcher', () => {
  it('finds every term among thousands whose first tokens share keys, and nothing else', () => {
    // 4000 two-letter-word terms: far more first tokens than the 2^16 keys spread well, so keys collide.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const words: string[] = [];
    for (const a of letters) for (const b of letters.slice(0, 6)) for (const c of letters) words.push(`${a}${b}${c}`);
    const m = new PhraseMatcher(ctx().text.tokenizeTerm, words.map((term, k) => ({ term, payload: k })));
    expect(m.size).toBe(words.length);
    const c = ctx();
    for (let k = 0; k < words.length; k += 37) {
      const tokens = c.text.tokenizeTerm(`x ${words[k]} y`);
      const hits = m.match(tokens);
      expect(hits.map((h) => h.payload)).toEqual([k]);
    }
    // Same length, first and last letter as the term `aac` (so the same key), but not a term.
    expect(m.match(c.text.tokenizeTerm('azc'))).toEqual([]);
    expect(m.match(c.text.tokenizeTerm('aac')).map((h) => h.term)).toEqual(['aac']);
  });

  it('prefers the longest term at a position and matches leftmost without overlap', () => {
    const c = ctx();
    const m = new PhraseMatcher(c.text.tokenizeTerm, [
      { term: 'not good', payload: 'short' },
      { term: 'not good at all', payload: 'long' },
      { term: 'good', payload: 'word' },
    ]);
    expect(m.match(c.text.tokenizeTerm('not good at all, good')).map((h) => h.payload)).toEqual(['long', 'word']);
    expect(m.match(c.text.tokenizeTerm('not good. good')).map((h) => h.payload)).toEqual(['short', 'word']);
  });

  it('matches an elongated word by its single-letter form', () => {
    const c = ctx();
    const m = new PhraseMatcher(c.text.tokenizeTerm, [{ term: 'so good', payload: 1 }]);
    // `soooo` normalises to `soo` with `so` as its alternative form.
    const a = defaultAnalyzer();
    let tokens = c.text.tokenizeTerm('so good');
    a.pipeline.add({ name: 'peek', run: (d) => void (tokens = d.tokens) }, { after: 'tokenize' });
    try {
      a.analyze('soooo good');
    } finally {
      a.pipeline.remove('peek');
    }
    expect(tokens[0]!.alt).toBe('so');
    expect(m.match(tokens).map((h) => h.payload)).toEqual([1]);
  });
});
