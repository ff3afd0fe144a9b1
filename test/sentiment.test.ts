import { describe, expect, it } from 'vitest';
import { SENTIMENT, NEGATIVE_PROBABILITY } from '../src/extend.js';
import { createAnalyzer, OptionsError, type Analyzer, type SentimentResult } from '../src/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

// Every sentence here is written for these tests.
const full = (): Analyzer => defaultAnalyzer();
let rulesOnly: Analyzer | null = null;
/** The lexicon layer alone (no model), to test the rules in isolation. */
const rules = (): Analyzer => (rulesOnly ??= createAnalyzer({ stageOptions: { sentiment: { useModel: false } } }));

const s = (a: Analyzer, text: string, extra: Record<string, unknown> = {}): SentimentResult => a.analyze({ text, ...extra }).sentiment;
const rulesFired = (r: SentimentResult): string[] => r.evidence.filter((e) => e.source === 'rule').map((e) => e.rule);

describe('sentiment: negation', () => {
  it('flips a Chinese opinion word after 并不 / 一点也不', () => {
    for (const a of [rules(), full()]) {
      expect(s(a, '前台的小姑娘很热情').label).toBe('positive');
      const r = s(a, '前台的小姑娘并不热情');
      expect(r.label).toBe('negative');
      expect(rulesFired(r)).toContain('negation');
    }
    expect(s(rules(), '这件外套一点也不保暖').score).toBeLessThan(0);
  });

  it("flips an English opinion word after not / n't / never", () => {
    for (const a of [rules(), full()]) {
      expect(s(a, 'The charger is reliable.').label).toBe('positive');
      const r = s(a, 'The charger is not reliable.');
      expect(r.label).toBe('negative');
      expect(rulesFired(r)).toContain('negation');
      expect(s(a, "The staff weren't helpful at all.").label).toBe('negative');
    }
    expect(s(rules(), 'I have never been so impressed.').score).toBeLessThan(s(rules(), 'I have been so impressed.').score);
  });

  it('sees through words the segmenter glued together (太差了, 没睡 + 好)', () => {
    const r = s(rules(), '隔音太差了');
    expect(r.score).toBeLessThan(0);
    expect(r.evidence.some((e) => e.source === 'lexicon' && e.match === '太差了')).toBe(true);
    expect(s(rules(), '昨天一晚上都没睡好').score).toBeLessThan(0);
  });

  it('a negated negative word leans positive (not bad)', () => {
    expect(s(rules(), 'Honestly the sandwich was not bad.').score).toBeGreaterThan(0);
    expect(s(rules(), '这次的包装并不糟糕').score).toBeGreaterThan(0);
  });
});

describe('sentiment: contrast', () => {
  it('the clause after 但是 / 不过 outweighs the one before', () => {
    for (const a of [rules(), full()]) {
      const neg = s(a, '外观挺漂亮的，但是用了两天就坏了，太失望了');
      expect(neg.label).toBe('negative');
      expect(rulesFired(neg)).toContain('contrast');
      expect(s(a, '刚开始有点卡，不过客服很耐心，最后很满意').label).toBe('positive');
    }
  });

  it('the clause after but / however outweighs the one before', () => {
    for (const a of [rules(), full()]) {
      const neg = s(a, 'The lamp looks nice, but it is flimsy and broke in a week.');
      expect(neg.label).toBe('negative');
      expect(rulesFired(neg)).toContain('contrast');
      expect(s(a, 'Delivery was slow, however the soup was delicious.').label).toBe('positive');
    }
  });
});

describe('sentiment: intensifiers and diminishers', () => {
  it('orders Chinese scores by degree', () => {
    const a = rules();
    const strong = s(a, '这次购物体验非常满意').score;
    const plain = s(a, '这次购物体验满意').score;
    const weak = s(a, '这次购物体验有点满意').score;
    expect(strong).toBeGreaterThan(plain);
    expect(plain).toBeGreaterThan(weak);
    expect(weak).toBeGreaterThan(0);
  });

  it('orders English scores by degree', () => {
    const a = rules();
    const strong = s(a, 'The ending was extremely disappointing.').score;
    const plain = s(a, 'The ending was disappointing.').score;
    const weak = s(a, 'The ending was slightly disappointing.').score;
    expect(strong).toBeLessThan(plain);
    expect(plain).toBeLessThan(weak);
    expect(weak).toBeLessThan(0);
  });
});

describe('sentiment: emoji, emoticons, exclamation, questions', () => {
  it('reads emoji and emoticons in both languages', () => {
    for (const a of [rules(), full()]) {
      expect(s(a, '今天收到了😍').label).toBe('positive');
      expect(s(a, '今天收到了😡').label).toBe('negative');
      expect(s(a, 'Package arrived today :(').label).toBe('negative');
      expect(s(a, 'Package arrived today :)').label).toBe('positive');
    }
    // A skin-tone variant scores like its base emoji.
    expect(s(rules(), '👍🏽').score).toBeCloseTo(s(rules(), '👍').score, 5);
  });

  it('a repeated opinion word is emphasis, not noise', () => {
    expect(s(rules(), '不错不错不错').score).toBeGreaterThan(s(rules(), '不错').score);
  });

  it('an exclamation mark strengthens the clause', () => {
    expect(s(rules(), '味道真不错!').score).toBeGreaterThan(s(rules(), '味道真不错').score);
  });

  it('a plain question states no opinion; a rhetorical one says the opposite', () => {
    expect(s(full(), '这款耳机音质好吗？').label).toBe('neutral');
    const rhetorical = s(rules(), '难道这就是你们说的好质量吗？');
    expect(s(rules(), '这种做工也叫精致？').score).toBeLessThan(0);
    expect(rhetorical.score).toBeLessThan(0);
    expect(rulesFired(rhetorical)).toContain('rhetorical-question');
  });
});

describe('sentiment: neutral and bad input', () => {
  it('empty and whitespace-only text are neutral with zero confidence', () => {
    for (const text of ['', '   ', '\n\t  \u3000']) {
      const r = s(full(), text);
      expect(r).toMatchObject({ label: 'neutral', score: 0, confidence: 0 });
    }
  });

  it('punctuation-only and logistics notes are neutral', () => {
    expect(s(full(), '。。。？？').label).toBe('neutral');
    expect(s(full(), '快递是昨天下午送到的').label).toBe('neutral');
  });

  it('rejects out-of-range options with a typed error', () => {
    expect(() => createAnalyzer({ stageOptions: { sentiment: { neutralBand: 2 } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { sentiment: { noSuchOption: 1 } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { sentiment: { modelPath: '/no/such/model.json' } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { sentiment: { modelPath: 'package.json' } } })).toThrow(/not a review-triage sentiment model/);
  });

  it('scores and confidences stay in range on odd input', () => {
    for (const text of ['!!!!!!!!', '😡'.repeat(500), 'bad '.repeat(2000), '好'.repeat(3000), '\u200b\u200b', '12345 67890']) {
      const r = s(full(), text);
      expect(r.score).toBeGreaterThanOrEqual(-1);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('sentiment: traditional Chinese, mixed text, rating, evidence', () => {
  it('traditional input scores like its simplified form', () => {
    const trad = s(full(), '這家飯店的服務態度非常差，房間也很髒');
    const simp = s(full(), '这家饭店的服务态度非常差，房间也很脏');
    expect(trad.label).toBe('negative');
    expect(trad.score).toBeCloseTo(simp.score, 3);
    expect(trad.label).toBe(simp.label);
  });

  it('mixed Chinese-English reviews are scored on both parts', () => {
    const r = s(full(), '包装很精美 but the battery is terrible');
    const terms = r.evidence.filter((e) => e.source === 'lexicon').map((e) => e.match);
    expect(terms).toContain('terrible');
    expect(terms.some((t) => t !== undefined && /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(r.label).toBe('negative');
  });

  it('a star rating is evidence that moves the score, not the answer', () => {
    const text = '东西还可以，发货也挺快';
    const low = s(full(), text, { rating: 1 });
    const high = s(full(), text, { rating: 5 });
    expect(high.score).toBeGreaterThan(low.score);
    expect(low.evidence.some((e) => e.source === 'metadata' && e.rule === 'rating=1')).toBe(true);
    // Strong text still wins over a contradicting rating.
    expect(s(full(), '太差了，完全是假货，骗子商家，大家千万别买', { rating: 5 }).label).toBe('negative');
  });

  it('evidence spans point at the original text', () => {
    const text = '  物流 超級 快，但是 質量太差了！！！';
    const r = s(full(), text);
    const spans = r.evidence.filter((e) => e.start !== undefined);
    expect(spans.length).toBeGreaterThan(0);
    for (const e of spans) expect(text.slice(e.start, e.end)).toBe(e.match);
    expect(r.evidence.some((e) => e.source === 'model')).toBe(true);
  });

  it('confidence is lower when the lexicon and model disagree than when they agree', () => {
    const agree = s(full(), '非常满意，质量很好，物流也快，推荐购买');
    expect(agree.confidence).toBeCloseTo(Math.abs(agree.score), 3);
    const noOpinion = s(full(), '今天去了一趟这家店');
    expect(noOpinion.confidence).toBeLessThanOrEqual(Math.abs(noOpinion.score));
  });
});

describe('sentiment: user lexicons change the outcome', () => {
  it('a user entry can flip a Chinese word and the model does not overrule it', () => {
    const text = '这个颜色很高级';
    const up = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'zh', entries: [{ term: '高级', weight: 3 }] }] });
    const down = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'zh', entries: [{ term: '高级', weight: -3 }] }] });
    expect(s(up, text).label).toBe('positive');
    expect(s(down, text).label).toBe('negative');
    expect(s(down, text).evidence.some((e) => e.rule === '高级' && e.note?.includes('your lexicon'))).toBe(true);
  });

  it('a user entry can flip a built-in English word', () => {
    const text = 'The new update is sick.';
    const builtin = s(full(), text);
    const custom = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'en', entries: [{ term: 'sick', weight: 3 }] }] });
    expect(builtin.score).toBeLessThan(0);
    expect(s(custom, text).label).toBe('positive');
  });
});

describe('sentiment: what later stages read', () => {
  it('puts a negative probability in its slot that agrees with the label', () => {
    const a = createAnalyzer();
    const seen: Array<{ label: string; p: unknown }> = [];
    a.pipeline.add({ name: 'probe', run: (doc) => void seen.push({ label: doc.get(SENTIMENT).label, p: doc.peek(NEGATIVE_PROBABILITY) }) }, { after: 'sentiment' });
    a.analyze('客服态度恶劣，东西还是坏的，要求退款');
    a.analyze('物流很快，东西也很好，非常满意');
    a.analyze('');
    expect(seen[0]!.label).toBe('negative');
    expect(seen[0]!.p as number).toBeGreaterThan(0.7);
    expect(seen[1]!.p as number).toBeLessThan(0.3);
    expect(seen[2]!.p).toBe(0.5);
  });

  it('a user weight of 0 silences a word for both the rules and the model', () => {
    const text = '这次买的零食真香';
    const builtin = s(full(), text);
    const silenced = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'zh', entries: [{ term: '真香', weight: 0 }] }] });
    const r = s(silenced, text);
    expect(builtin.label).toBe('positive');
    expect(Math.abs(r.score)).toBeLessThan(Math.abs(builtin.score));
    expect(r.evidence.some((e) => e.rule === '真香' && e.weight === 0)).toBe(true);
  });
});

describe('sentiment: long text', () => {
  it('keeps the evidence list short while every word still counts', () => {
    const text = '质量很好，'.repeat(300) + '但是客服太差了';
    const r = s(full(), text);
    expect(r.evidence.filter((e) => e.source === 'lexicon').length).toBeLessThanOrEqual(64);
    expect(r.label).toBe('positive');
  });
});
