import { describe, expect, it } from 'vitest';
import type { Token } from '../src/extend.js';
import { ScriptTokenizer } from '../src/text/tokenizer.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

/** Runs the pipeline up to tokenisation and returns the doc's tokens. */
function tokensOf(text: string): Token[] {
  const analyzer = defaultAnalyzer();
  let tokens: Token[] = [];
  const peek = { name: 'peek-tokens', run: (doc: { tokens: Token[] }) => void (tokens = doc.tokens) };
  analyzer.pipeline.add(peek, { after: 'tokenize' });
  try {
    analyzer.analyze(text);
  } finally {
    analyzer.pipeline.remove('peek-tokens');
  }
  return tokens;
}

const surfaces = (ts: Token[]) => ts.map((t) => t.text);

describe('script-aware tokenizer', () => {
  it('segments Chinese into words, not characters', () => {
    const ts = tokensOf('物流很快质量也不错');
    expect(ts.every((t) => t.type === 'han')).toBe(true);
    expect(surfaces(ts)).toContain('物流');
    expect(ts.length).toBeLessThan(9);
  });

  it('keeps English words whole (the segmenter alone would split them into letters)', () => {
    const ts = tokensOf('totally fake product');
    expect(surfaces(ts)).toEqual(['totally', 'fake', 'product']);
    expect(ts.every((t) => t.type === 'word')).toBe(true);
  });

  it('tokenises mixed text with both tokenizers and original offsets', () => {
    const text = '质量很差 totally fake';
    const ts = tokensOf(text);
    for (const t of ts) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(ts.some((t) => t.type === 'han')).toBe(true);
    expect(surfaces(ts)).toContain('totally');
  });

  it('splits English contractions so negation is visible', () => {
    expect(surfaces(tokensOf("it isn't good")).slice(0, 3)).toEqual(['it', 'is', "n't"]);
  });

  it('keeps URLs, emails, handles, hashtags, numbers, emoji and emoticons whole', () => {
    const ts = tokensOf('see http://t.cn/Ab12 or shop.example.com, mail me@x.com @seller #好物# 3.5% 👍🏻 :( ^_^');
    const byType = (type: string) => ts.filter((t) => t.type === type).map((t) => t.text);
    expect(byType('url')).toEqual(['http://t.cn/Ab12', 'shop.example.com']);
    expect(byType('email')).toEqual(['me@x.com']);
    expect(byType('handle')).toEqual(['@seller']);
    expect(byType('hashtag')).toEqual(['#好物#']);
    expect(byType('number')).toEqual(['3.5%']);
    expect(byType('emoji')).toEqual(['👍🏻']);
    expect(byType('emoticon')).toEqual([':(', '^_^']);
  });

  it('gives offsets into the original text through normalisation', () => {
    const text = '質量\u200b很差！！！ ｓｏｏｏｏ ｂａｄ';
    const ts = tokensOf(text);
    const bad = ts.find((t) => t.norm === 'bad')!;
    expect(text.slice(bad.start, bad.end)).toBe('ｂａｄ');
    const han = ts.find((t) => t.text.startsWith('质量'))!;
    expect(text.slice(han.start, han.start + 2)).toBe('質量');
    expect(text.slice(han.start, han.end).replace('\u200b', '')).toBe(han.text === '质量' ? '質量' : '質量很差');
  });

  it('offers the single-letter form of elongated words for lookup', () => {
    const so = tokensOf('soooo good').find((t) => t.norm === 'soo');
    expect(so?.alt).toBe('so');
  });

  it('keeps multi-character lexicon terms whole (taught to the segmenter)', () => {
    // 智商税 is in the built-in lexicons; without the user dictionary jieba splits it.
    const terms = defaultAnalyzer().context.lexicons.terms('zh');
    const term = terms.find((t) => t.length >= 3 && /^[\u4e00-\u9fff]+$/.test(t));
    expect(term, 'the built-in zh lexicons should contain a 3+ character term').toBeDefined();
    expect(surfaces(tokensOf(`这个真是${term!}啊`))).toContain(term);
  });

  it('returns no tokens for empty or whitespace text', () => {
    expect(tokensOf('')).toEqual([]);
    expect(tokensOf(' \n\t ')).toEqual([]);
  });
});

describe('segmenter calls', () => {
  // Two characters per word, newlines kept apart (as nodejieba does): easy to predict by hand.
  const pairs = (t: string) => t.split('\n').flatMap((line, k) => [...(k ? ['\n'] : []), ...(line.match(/[\s\S]{1,2}/g) ?? [])]);

  it('sends only the Chinese runs to the segmenter, one call per text, joined by newlines', () => {
    const calls: string[] = [];
    const tokenizer = new ScriptTokenizer({ name: 'pairs', cut: (t) => (calls.push(t), pairs(t)) });
    const text = '质量很好, 5 stars! 物流太慢了。客服';
    const ts = tokenizer.tokenize(text);
    expect(calls).toEqual(['质量很好\n物流太慢了\n客服']);
    const han = ts.filter((t) => t.type === 'han');
    expect(han.map((t) => t.text)).toEqual(['质量', '很好', '物流', '太慢', '了', '客服']);
    for (const t of ts) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('segments a run alone when the pieces of the joined text do not spell it', () => {
    // Drops every newline and glues the runs together: no run lines up except by luck.
    const glue = (t: string) => pairs(t.replace(/\n/g, ''));
    const calls: string[] = [];
    const tokenizer = new ScriptTokenizer({ name: 'glue', cut: (t) => (calls.push(t), glue(t)) });
    const text = '好评了！差评，中评';
    const ts = tokenizer.tokenize(text);
    expect(calls).toEqual(['好评了\n差评\n中评', '好评了', '差评', '中评']);
    expect(ts.filter((t) => t.type === 'han').map((t) => t.text)).toEqual(['好评', '了', '差评', '中评']);
    for (const t of ts) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('skips pieces that are not in the text (a segmenter that rewrites characters)', () => {
    const tokenizer = new ScriptTokenizer({ name: 'rewrite', cut: (t) => pairs(t.replace(/差/g, '好')) });
    const ts = tokenizer.tokenize('质量很差，物流不错');
    for (const t of ts) expect('质量很差，物流不错'.slice(t.start, t.end)).toBe(t.text);
    expect(ts.map((t) => t.text)).toContain('物流');
    expect(ts.map((t) => t.text)).not.toContain('很好');
  });
});
