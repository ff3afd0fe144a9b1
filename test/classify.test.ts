import { describe, expect, it } from 'vitest';
import { createAnalyzer, OptionsError, TOPICS, NATURES, type Analyzer, type AnalyzerOptions, type NegativeResult } from '../src/index.js';
import { negativeClassifier } from '../src/classify/index.js';
import { SENTIMENT, CLASSIFY_SCORES, type ClassifyScores } from '../src/extend.js';

// Every sentence here is written for these tests (no dev data).
// These tests pin the cue rules (classify.useModel: false): the clause scope, negation, cue weights and
// nature rules that are also the learned model's features and its fallback. The model path is tested in
// test/classify-model.test.ts; its accuracy is measured by bench/types.bench.mjs.

/**
 * An analyzer whose reviews all count as negative, so classification is
 * tested independently of the sentiment stage; the cue rules alone.
 */
function forcedNegative(options: AnalyzerOptions = {}): Analyzer {
  const stageOptions = { ...options.stageOptions, classify: { useModel: false, ...options.stageOptions?.classify } };
  const analyzer = createAnalyzer({ ...options, stageOptions });
  analyzer.pipeline.add(
    {
      name: 'force-negative',
      run(doc) {
        doc.set(SENTIMENT, { label: 'negative', score: -0.8, confidence: 0.9, evidence: [] });
      },
    },
    { before: 'classify' },
  );
  return analyzer;
}

let shared: Analyzer | null = null;
function classify(text: string): NegativeResult {
  shared ??= forcedNegative();
  const negative = shared.analyze(text).negative;
  if (!negative) throw new Error(`negative is null for a forced-negative review: ${text}`);
  return negative;
}

function precisionRecall(pairs: Array<[string, string]>, label: string): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, pred] of pairs) {
    if (pred === label && gold === label) tp++;
    else if (pred === label) fp++;
    else if (gold === label) fn++;
  }
  return { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0 };
}

const TOPIC_CASES_ZH: Array<[string, string]> = [
  ['quality', '裤子穿了两次就起球了，还掉色，做工太粗糙'],
  ['quality', '外卖太难吃了，米饭是夹生的'],
  ['quality', '房间很脏，隔音也差，晚上吵得睡不着'],
  ['logistics', '快递太慢了，下单一个星期才发货'],
  ['logistics', '骑手送餐超时四十分钟，汤都洒了'],
  ['service', '客服态度恶劣，问了三次都不回复，退款也不处理'],
  ['service', '前台服务员爱答不理，办入住等了半小时'],
  ['mismatch', '收到的颜色和图片不符，尺码也不对，发错货了'],
  ['price', '太贵了，不值这个价，刚买完就降价五十'],
  ['false_advertising', '宣传说七天美白，用了一个月一点效果都没有，纯属智商税'],
  ['counterfeit', '一看就是假货，不是正品，防伪码都查不到'],
  ['safety', '用了这个面霜过敏了，整张脸红肿'],
  ['safety', '吃完这家外卖全家拉肚子，肉还是变质的'],
  ['livestream', '主播在直播间说买一送一，下单后根本没送'],
  ['other', '不怎么样，不推荐'],
];

const TOPIC_CASES_EN: Array<[string, string]> = [
  ['quality', 'The zipper broke after two days and the fabric is pilling already.'],
  ['quality', 'The food was bland and the fries were soggy.'],
  ['logistics', 'Shipping took three weeks and the package arrived damaged.'],
  ['service', 'Customer service was rude and never responded to my emails about a refund.'],
  ['mismatch', 'Wrong size and wrong color, nothing like the picture.'],
  ['price', 'Way overpriced, not worth the money at all.'],
  ['false_advertising', 'It claims to remove wrinkles in a week but had no effect, pure false advertising.'],
  ['counterfeit', 'This is a fake, clearly a knockoff and not authentic.'],
  ['safety', 'I had an allergic reaction and a rash all over my face.'],
  ['livestream', 'The host said during the live stream that it was waterproof.'],
  ['other', 'Meh. Not impressed.'],
];

describe('classify: topics', () => {
  it.each(TOPIC_CASES_ZH)('zh %s: %s', (topic, text) => {
    expect(classify(text).topics).toContain(topic);
  });
  it.each(TOPIC_CASES_EN)('en %s: %s', (topic, text) => {
    expect(classify(text).topics).toContain(topic);
  });

  it('covers every topic in Chinese and in English', () => {
    for (const cases of [TOPIC_CASES_ZH, TOPIC_CASES_EN]) expect(new Set(cases.map(([t]) => t))).toEqual(new Set(TOPICS));
  });

  it('reports only labels from the taxonomy, at most maxTopics of them', () => {
    for (const [, text] of [...TOPIC_CASES_ZH, ...TOPIC_CASES_EN]) {
      const r = classify(text);
      expect(r.topics.length).toBeGreaterThan(0);
      expect(r.topics.length).toBeLessThanOrEqual(3);
      for (const t of r.topics) expect(TOPICS).toContain(t);
      expect(NATURES).toContain(r.nature);
    }
  });

  it('uses other only when no topic fits', () => {
    expect(classify('不怎么样，不推荐').topics).toEqual(['other']);
    expect(classify('快递太慢了').topics).not.toContain('other');
  });
});

const DOMAIN_CASES: Array<[string, string[], string]> = [
  // food delivery
  ['food delivery', ['logistics', 'quality'], '送餐太慢了，等了一个半小时，饭菜都凉了'],
  ['food delivery', ['mismatch'], '点的是微辣，送来的特别辣，还少送了一份米饭'],
  ['food delivery', ['safety'], '菜里有头发，吃完还拉肚子'],
  ['food delivery', ['logistics'], '骑手态度很差，还把汤洒了'],
  // hotels
  ['hotel', ['quality'], '房间隔音太差，床单上还有污渍'],
  ['hotel', ['service'], '前台办理入住要排队半小时，态度冷漠'],
  ['hotel', ['other'], '酒店位置偏僻，打车很难'],
  ['hotel', ['quality', 'service'], '空调坏了，找了三次都没人来修'],
  // English food delivery and hotels
  ['food delivery', ['logistics', 'quality'], 'The delivery was an hour late and the food was cold.'],
  ['hotel', ['quality', 'service'], 'The bathroom was filthy and the front desk staff were rude.'],
];

describe('classify: food delivery and hotels map onto the same topics', () => {
  it.each(DOMAIN_CASES)('%s %j: %s', (_domain, topics, text) => {
    expect(classify(text).topics).toEqual(expect.arrayContaining(topics));
  });
});

describe('classify: aspect scope and negation', () => {
  it('a praised aspect before a contrast word is not a topic', () => {
    const r = classify('物流很快，但质量太差');
    expect(r.topics).toContain('quality');
    expect(r.topics).not.toContain('logistics');
  });

  it('works the other way round too', () => {
    const r = classify('质量还不错，就是快递太慢了，等了十天');
    expect(r.topics).toContain('logistics');
    expect(r.topics).not.toContain('quality');
  });

  it('a praised aspect in its own clause is not a topic (no contrast word)', () => {
    const r = classify('客服态度很好，耐心解答。衣服洗了一次就严重缩水');
    expect(r.topics).toContain('quality');
    expect(r.topics).not.toContain('service');
  });

  it('a negated problem phrase does not count', () => {
    const r = classify('没有色差，尺码也合适，就是发货太慢了');
    expect(r.topics).toContain('logistics');
    expect(r.topics).not.toContain('mismatch');
  });

  it('a phrase that starts inside a long negator is found and not negated by it', () => {
    expect(classify('根本不是正品，和专柜的完全不一样').topics).toContain('counterfeit');
    expect(classify('一点都不好吃').topics).toContain('quality');
    expect(classify('并没有色差，就是太贵了').topics).not.toContain('mismatch');
  });

  it('English: praise before but, negated problems', () => {
    const a = classify('Delivery was fast, but the quality is terrible and it broke in a day.');
    expect(a.topics).toContain('quality');
    expect(a.topics).not.toContain('logistics');
    const b = classify('The staff were friendly. However the room was dirty and noisy.');
    expect(b.topics).toContain('quality');
    expect(b.topics).not.toContain('service');
  });

  it('an aspect in a sentence with no opinion takes the opinion of its neighbour clause', () => {
    const r = classify('收到快递，箱子全压扁了');
    expect(r.topics).toContain('logistics');
  });
});

const MALICIOUS_ZH = [
  '垃圾店，骗子，大家都别买！',
  '抵制这家黑心商家，扩散！',
  '这种垃圾公司早点倒闭吧，去死',
  '别在这买了，去隔壁家买，便宜又好',
  '骗子骗子骗子！！！',
  '无良商家，不要脸，一起抵制',
];
const MISUNDERSTANDING_ZH = [
  '与图片不符，我按平时穿的买小了，尺码表上写的是要大一码，我没看清',
  '都半个月了还没发货，原来是预售商品，详情页注明了30天内发货',
  '满减没用上，结算时才知道优惠券要先领取，活动规则没看懂',
  '不会用，说明书看不懂，不知道是不是我安装错了',
  '买大了一号，早知道先看尺码表',
  '说好的赠品没收到，客服说需要在结算时另行领取',
];
const GENUINE_ZH = [
  '垃圾！买的裤子穿了一次就开线了，退货还要我自己出运费，客服也不回复',
  '骗子商家！说是正品，收到是假货，防伪码查不到，已经申请退款三天了还不处理',
  '太差了，3号下的单10号才到，包装破了，里面的杯子碎了两个',
  '床单有头发，卫生间很脏，前台还不给换房，态度很差',
  '用了一个星期就开不了机，送修两次都没修好',
  '米饭是冷的，菜很咸，分量还少，送餐慢了一个小时',
  '洗了一次领子就掉色了，垃圾垃圾垃圾垃圾垃圾垃圾垃圾',
  '玩个游戏卡得要死，发热也严重',
];

const MALICIOUS_EN = [
  'Scammers! Boycott this company and tell everyone!',
  'Garbage company run by idiots. Go buy from another shop instead.',
  'Liars and thieves. Spread the word, never buy from them.',
];
const MISUNDERSTANDING_EN = [
  'It is a pre-order, I did not realize it ships next month, I thought it was in stock.',
  'The coupon did not apply at checkout, I did not read the terms and conditions about the minimum spend.',
  'Ordered the wrong size, my mistake for not checking the size chart.',
];
const GENUINE_EN = [
  'The blender stopped working after two weeks and the seller refused a refund.',
  'Our room was dirty, the shower was broken and the front desk ignored us for an hour.',
  'Terrible. The package arrived three days late and the box was crushed.',
];

describe('classify: nature', () => {
  it.each(MALICIOUS_ZH)('malicious_attack (zh): %s', (text) => {
    expect(classify(text).nature).toBe('malicious_attack');
  });
  it.each(MISUNDERSTANDING_ZH)('misunderstanding (zh): %s', (text) => {
    expect(classify(text).nature).toBe('misunderstanding');
  });
  it.each(GENUINE_ZH)('genuine_complaint (zh, angry but concrete): %s', (text) => {
    expect(classify(text).nature).toBe('genuine_complaint');
  });
  it.each(MALICIOUS_EN)('malicious_attack (en): %s', (text) => {
    expect(classify(text).nature).toBe('malicious_attack');
  });
  it.each(MISUNDERSTANDING_EN)('misunderstanding (en): %s', (text) => {
    expect(classify(text).nature).toBe('misunderstanding');
  });
  it.each(GENUINE_EN)('genuine_complaint (en): %s', (text) => {
    expect(classify(text).nature).toBe('genuine_complaint');
  });

  it('finds malicious_attack and misunderstanding with precision and recall >= 0.6 on these cases', () => {
    const pairs: Array<[string, string]> = [];
    for (const [gold, texts] of [
      ['malicious_attack', [...MALICIOUS_ZH, ...MALICIOUS_EN]],
      ['misunderstanding', [...MISUNDERSTANDING_ZH, ...MISUNDERSTANDING_EN]],
      ['genuine_complaint', [...GENUINE_ZH, ...GENUINE_EN]],
    ] as const) {
      for (const t of texts) pairs.push([gold, classify(t).nature]);
    }
    for (const label of ['malicious_attack', 'misunderstanding']) {
      const { precision, recall } = precisionRecall(pairs, label);
      expect(precision, `${label} precision`).toBeGreaterThanOrEqual(0.6);
      expect(recall, `${label} recall`).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('an abuse word with a concrete story stays genuine (doubt goes to genuine)', () => {
    expect(classify('垃圾，鞋子穿了三天鞋底就掉了，胶水味很重').nature).toBe('genuine_complaint');
  });
});

describe('classify: evidence and extras', () => {
  it('evidence names the cues per topic and for the nature, with original offsets', () => {
    const text = '  客服态度恶劣！！！ 衣服掉色严重，骗子店  ';
    const r = classify(text);
    expect(r.topics).toEqual(expect.arrayContaining(['service', 'quality']));
    for (const topic of r.topics) expect(r.evidence.some((e) => e.label === topic && e.source === 'lexicon')).toBe(true);
    expect(r.evidence.some((e) => e.label === r.nature)).toBe(true);
    for (const e of r.evidence) {
      if (e.start === undefined) continue;
      expect(text.slice(e.start, e.end)).toBe(e.match);
    }
  });

  it('maps offsets back through normalisation (traditional characters, full-width punctuation)', () => {
    const text = '質量太差，掉色嚴重！！';
    const r = classify(text);
    expect(r.topics).toContain('quality');
    const cue = r.evidence.find((e) => e.label === 'quality' && e.start !== undefined)!;
    expect(text.slice(cue.start, cue.end)).toBe(cue.match);
    expect(['質量太差', '掉色']).toContain(cue.match);
  });

  it('leaves per-topic scores and nature scores in the CLASSIFY_SCORES slot', () => {
    const analyzer = forcedNegative();
    let extras: ClassifyScores | undefined;
    analyzer.pipeline.add({ name: 'peek', run: (doc) => void (extras = doc.get(CLASSIFY_SCORES)) }, { after: 'classify' });
    analyzer.analyze('快递太慢了，而且衣服起球');
    expect(extras!.topicScores.logistics).toBeGreaterThan(0);
    expect(extras!.topicScores.quality).toBeGreaterThan(0);
    expect(extras!.clauses).toBeGreaterThanOrEqual(2);
    expect(extras!.nature.attack).toBe(0);
  });
});

describe('classify: only negative reviews', () => {
  it('leaves negative null when sentiment is not negative', () => {
    const analyzer = createAnalyzer();
    analyzer.pipeline.add(
      { name: 'force-positive', run: (doc) => void doc.set(SENTIMENT, { label: 'positive', score: 0.8, confidence: 0.9, evidence: [] }) },
      { before: 'classify' },
    );
    expect(analyzer.analyze('快递太慢了，质量也差').negative).toBeNull();
  });

  it('with the real sentiment stage: a clear complaint is classified, praise is not', () => {
    const analyzer = createAnalyzer();
    const bad = analyzer.analyze('质量太差了，穿一次就破了，非常失望，差评');
    expect(bad.sentiment.label).toBe('negative');
    expect(bad.negative?.topics).toContain('quality');
    expect(analyzer.analyze('质量很好，物流很快，非常满意').negative).toBeNull();
  });
});

describe('classify: word edges for short aspect cues', () => {
  it('a two-character aspect noun across two other words does not fire', () => {
    // 原味/道具 holds 味道 (taste) across the words "original flavour" and "props".
    const r = classify('原味道具，一般');
    expect(r.evidence.some((e) => e.match === '味道')).toBe(false);
    expect(classify('味道很怪，一般').evidence.some((e) => e.match === '味道' && e.label === 'quality')).toBe(true);
  });

  it('at a word edge it still counts (the segmenter glues aspect and opinion)', () => {
    expect(classify('服务员很凶').topics).toContain('service');
    expect(classify('面料很差').evidence.some((e) => e.match === '面料')).toBe(true);
  });
});

describe('classify: user lexicons and options', () => {
  it('a user topic cue changes the outcome', () => {
    const text = '充电宝标称两万毫安，实测一半都不到';
    const before = classify(text);
    expect(before.topics).not.toContain('false_advertising');
    const custom = forcedNegative({ lexicons: [{ kind: 'topics', lang: 'zh', entries: [{ term: '实测一半', topic: 'false_advertising', weight: 3 }] }] });
    const after = custom.analyze(text).negative!;
    expect(after.topics).toContain('false_advertising');
    expect(after.evidence.some((e) => e.rule === '实测一半' && e.label === 'false_advertising' && e.match === '实测一半')).toBe(true);
  });

  it('a user entry overrides a built-in cue by term (new topic, or weight 0 to switch it off)', () => {
    expect(classify('起球了').topics).toEqual(['quality']);
    const moved = forcedNegative({ lexicons: [{ kind: 'topics', lang: 'zh', entries: [{ term: '起球', topic: 'price', weight: 3 }] }] });
    expect(moved.analyze('起球了').negative!.topics).toEqual(['price']);
    const off = forcedNegative({ lexicons: [{ kind: 'topics', lang: 'zh', entries: [{ term: '起球', topic: 'quality', weight: 0 }] }] });
    expect(off.analyze('起球了').negative!.topics).toEqual(['other']);
  });

  it('a user nature cue can turn a review into an attack', () => {
    const text = '某某家的东西都是坑';
    expect(classify(text).nature).toBe('genuine_complaint');
    const custom = forcedNegative({ lexicons: [{ kind: 'nature', lang: 'zh', entries: [{ term: '都是坑', nature: 'malicious_attack', cue: 'abuse', weight: 4 }] }] });
    expect(custom.analyze(text).negative!.nature).toBe('malicious_attack');
  });

  it('maxTopics and minTopicScore are honoured; unknown options are errors', () => {
    const text = '快递太慢，衣服起球，客服不回复，还比超市贵';
    const one = forcedNegative({ stageOptions: { classify: { maxTopics: 1 } } });
    expect(one.analyze(text).negative!.topics).toHaveLength(1);
    const strict = forcedNegative({ stageOptions: { classify: { minTopicScore: 20 } } });
    expect(strict.analyze('快递太慢').negative!.topics).toEqual(['other']);
    expect(() => createAnalyzer({ stageOptions: { classify: { maxTopic: 2 } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { classify: { maxTopics: 0 } } })).toThrow(OptionsError);
  });
});

describe('classify: odd input', () => {
  it.each(['', '   ', '！！！？？？', '😡😡😡', 'a'.repeat(5000), '差'.repeat(3000), '\u200b\u200b', 'ｑｕａｌｉｔｙ ｓｕｃｋｓ'])('does not crash: %j', (text) => {
    const r = classify(text);
    expect(r.topics.length).toBeGreaterThan(0);
    expect(NATURES).toContain(r.nature);
    expect(Array.isArray(r.evidence)).toBe(true);
  });

  it('text with no cue at all is a genuine complaint about other', () => {
    expect(classify('😡😡😡')).toMatchObject({ nature: 'genuine_complaint', topics: ['other'] });
  });
});

describe('negativeClassifier: the pure function', () => {
  it('classifies a tokenised doc whatever its sentiment, and agrees with the stage', () => {
    const analyzer = createAnalyzer();
    const classifyDoc = negativeClassifier(analyzer.context, { useModel: false });
    let captured: Parameters<typeof classifyDoc>[0] | undefined;
    analyzer.pipeline.add({ name: 'capture', run: (doc) => void (captured = doc) }, { after: 'tokenize' });
    const text = '质量很好，物流很快，但是客服态度太差了';
    analyzer.analyze(text);
    const viaFunction = classifyDoc(captured!);
    expect(viaFunction.topics).toContain('service');
    expect(viaFunction).toEqual(classify(text));
  });

  it('rejects bad options with OptionsError', () => {
    expect(() => negativeClassifier(createAnalyzer().context, { maxTopics: -1 })).toThrow(OptionsError);
  });
});
