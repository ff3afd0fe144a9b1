import { describe, expect, it } from 'vitest';
import type { Token } from '../src/index.js';
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
