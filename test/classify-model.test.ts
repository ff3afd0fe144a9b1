import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, NATURES, OptionsError, type Analyzer, type AnalyzerOptions } from '../src/index.js';
import { SENTIMENT } from '../src/extend.js';
import { MODEL_TOPICS, TYPES_DENSE_FEATURES } from '../src/classify/features.js';
import { TYPES_OUTPUTS, type TypesModelFile } from '../src/classify/model.js';

// The classify stage with the learned topic/nature model (src/classify/{features,model,combine}.ts).
// Sentences are written for these tests (no dev data). Accuracy is not asserted here: it is measured
// leave-one-source-out by bench/types.bench.mjs.

const shipped = path.resolve(__dirname, '..', 'data', 'models', 'types.json');
const hasModel = fs.existsSync(shipped);

function forcedNegative(options: AnalyzerOptions = {}): Analyzer {
  const analyzer = createAnalyzer(options);
  analyzer.pipeline.add({ name: 'force-negative', run: (doc) => void doc.set(SENTIMENT, { label: 'negative', score: -0.8, confidence: 0.9, evidence: [] }) }, { before: 'classify' });
  return analyzer;
}

/** A model file whose only weights are biases: every text gets the same probabilities. */
function biasOnlyModel(bias: Record<string, number>): string {
  const file: TypesModelFile = {
    format: 'review-triage-types/1',
    hashBits: 4,
    outputs: [...TYPES_OUTPUTS],
    bias: TYPES_OUTPUTS.map((o) => bias[o] ?? -6),
    dense: TYPES_OUTPUTS.map(() => TYPES_DENSE_FEATURES.map(() => 0)),
    scale: 100,
    topicSupport: MODEL_TOPICS.map(() => 100),
    indexDeltas: [],
    weights: [],
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'types-model-'));
  const out = path.join(dir, 'types.json');
  fs.writeFileSync(out, JSON.stringify(file));
  return out;
}

describe('classify model: how probabilities become topics and nature', () => {
  it('reports the topics the model is sure of, with its probability as evidence', () => {
    const modelPath = biasOnlyModel({ price: 3, genuine_complaint: 3 });
    const r = forcedNegative({ stageOptions: { classify: { modelPath } } }).analyze('收到了，就这样吧').negative!;
    expect(r.topics).toEqual(['price']);
    const ev = r.evidence.find((e) => e.rule === 'topic-model' && e.label === 'price');
    expect(ev?.source).toBe('model');
    expect(ev?.weight).toBeCloseTo(1 / (1 + Math.exp(-3)), 2);
  });

  it('other only when the model finds no topic that fits', () => {
    const modelPath = biasOnlyModel({ genuine_complaint: 3 });
    const r = forcedNegative({ stageOptions: { classify: { modelPath } } }).analyze('收到了，就这样吧').negative!;
    expect(r.topics).toEqual(['other']);
    expect(r.evidence.some((e) => e.rule === 'no-topic-fits')).toBe(true);
  });

  it('a topic the cue rules pick is kept unless the model rules it out', () => {
    const text = '快递太慢了，等了一个星期';
    const unsure = biasOnlyModel({ logistics: -2, genuine_complaint: 3 }); // p = 0.12: below the threshold, above cue confirmation
    expect(forcedNegative({ stageOptions: { classify: { modelPath: unsure } } }).analyze(text).negative!.topics).toContain('logistics');
    const against = biasOnlyModel({ logistics: -8, genuine_complaint: 3 });
    expect(forcedNegative({ stageOptions: { classify: { modelPath: against } } }).analyze(text).negative!.topics).not.toContain('logistics');
  });

  it('a topic with almost no hand-labelled rows is left to the cues', () => {
    const text = '主播在直播间说买一送一，结果没有';
    const file = JSON.parse(fs.readFileSync(biasOnlyModel({ livestream: -8, genuine_complaint: 3 }), 'utf8')) as TypesModelFile;
    file.topicSupport[MODEL_TOPICS.indexOf('livestream')] = 1;
    const modelPath = biasOnlyModel({});
    fs.writeFileSync(modelPath, JSON.stringify(file));
    expect(forcedNegative({ stageOptions: { classify: { modelPath } } }).analyze(text).negative!.topics).toContain('livestream');
  });

  it('nature: the cue rules decide unless the model is sure (natureModelThreshold)', () => {
    const modelPath = biasOnlyModel({ misunderstanding: 4 });
    const text = '衣服有个线头，不太满意';
    expect(forcedNegative({ stageOptions: { classify: { modelPath } } }).analyze(text).negative!.nature).toBe('genuine_complaint');
    const r = forcedNegative({ stageOptions: { classify: { modelPath, natureModelThreshold: 0.6 } } }).analyze(text).negative!;
    expect(r.nature).toBe('misunderstanding');
    expect(r.evidence.some((e) => e.rule === 'nature-model' && e.label === 'misunderstanding')).toBe(true);
  });

  it('maxTopics caps what the model reports', () => {
    const modelPath = biasOnlyModel({ price: 3, quality: 2, service: 1, genuine_complaint: 3 });
    expect(forcedNegative({ stageOptions: { classify: { modelPath, maxTopics: 2 } } }).analyze('不好').negative!.topics).toEqual(['price', 'quality']);
  });
});

describe('classify model: the caller lexicon stays in charge', () => {
  it('a user topic cue adds its topic even when the model does not see it', () => {
    const modelPath = biasOnlyModel({ quality: 3, genuine_complaint: 3 });
    const text = '充电宝标称两万毫安，实测一半都不到';
    const lexicons: AnalyzerOptions['lexicons'] = [{ kind: 'topics', lang: 'zh', entries: [{ term: '实测一半', topic: 'false_advertising', weight: 3 }] }];
    expect(forcedNegative({ stageOptions: { classify: { modelPath } } }).analyze(text).negative!.topics).not.toContain('false_advertising');
    const r = forcedNegative({ lexicons, stageOptions: { classify: { modelPath } } }).analyze(text).negative!;
    expect(r.topics[0]).toBe('false_advertising');
    expect(r.evidence.some((e) => e.rule === '实测一半' && e.match === '实测一半')).toBe(true);
  });

  it('a user entry with weight 0 takes its topic away', () => {
    const modelPath = biasOnlyModel({ quality: 3, genuine_complaint: 3 });
    const lexicons: AnalyzerOptions['lexicons'] = [{ kind: 'topics', lang: 'zh', entries: [{ term: '起球', topic: 'quality', weight: 0 }] }];
    expect(forcedNegative({ stageOptions: { classify: { modelPath } } }).analyze('起球了').negative!.topics).toEqual(['quality']);
    expect(forcedNegative({ lexicons, stageOptions: { classify: { modelPath } } }).analyze('起球了').negative!.topics).toEqual(['other']);
  });

  it('a user nature cue hands the nature to the cue rules', () => {
    const modelPath = biasOnlyModel({ genuine_complaint: 6 });
    const text = '某某家的东西都是坑';
    const lexicons: AnalyzerOptions['lexicons'] = [{ kind: 'nature', lang: 'zh', entries: [{ term: '都是坑', nature: 'malicious_attack', cue: 'abuse', weight: 4 }] }];
    const options = { stageOptions: { classify: { modelPath, natureModelThreshold: 0.5, genuineVetoThreshold: 0.5 } } };
    expect(forcedNegative(options).analyze(text).negative!.nature).toBe('genuine_complaint');
    expect(forcedNegative({ ...options, lexicons }).analyze(text).negative!.nature).toBe('malicious_attack');
  });
});

describe('classify model: files and options', () => {
  it('a missing or malformed model file is an OptionsError', () => {
    expect(() => createAnalyzer({ stageOptions: { classify: { modelPath: '/nonexistent/types.json' } } })).toThrow(OptionsError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'types-model-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'review-triage-sentiment/1' }));
    expect(() => createAnalyzer({ stageOptions: { classify: { modelPath: bad } } })).toThrow(/not a review-triage topic model/);
    const file = JSON.parse(fs.readFileSync(biasOnlyModel({}), 'utf8')) as TypesModelFile;
    file.indexDeltas = [99];
    file.weights = TYPES_OUTPUTS.map(() => 1);
    fs.writeFileSync(bad, JSON.stringify(file));
    expect(() => createAnalyzer({ stageOptions: { classify: { modelPath: bad } } })).toThrow(/outside 2\^4/);
  });

  it('useModel false gives the cue rules, without model evidence', () => {
    const r = forcedNegative({ stageOptions: { classify: { useModel: false } } }).analyze('快递太慢了，客服也不理人').negative!;
    expect(r.topics).toEqual(expect.arrayContaining(['logistics', 'service']));
    expect(r.evidence.some((e) => e.source === 'model')).toBe(false);
  });

  it.skipIf(!hasModel)('the shipped model: outputs in the expected order, every nature reachable as an output', () => {
    const file = JSON.parse(fs.readFileSync(shipped, 'utf8')) as TypesModelFile;
    expect(file.outputs).toEqual([...MODEL_TOPICS, ...NATURES]);
    expect(file.indexDeltas.length * file.outputs.length).toBe(file.weights.length);
    expect(fs.statSync(shipped).size).toBeLessThan(4e6);
  });

  it.skipIf(!hasModel)('the shipped model: clear complaints get their topic (Chinese and English)', () => {
    const a = forcedNegative();
    const cases: Array<[string, string]> = [
      ['quality', '裤子穿了两次就起球了，还掉色，做工太粗糙'],
      ['logistics', '快递太慢了，下单一个星期才发货'],
      ['service', '客服态度恶劣，问了三次都不回复，退款也不处理'],
      ['price', '太贵了，不值这个价，刚买完就降价五十'],
      ['counterfeit', '一看就是假货，不是正品，防伪码都查不到'],
      ['quality', 'The zipper broke after two days and the fabric is pilling already.'],
      ['service', 'Customer service was rude and never responded to my emails about a refund.'],
      ['price', 'Way overpriced, not worth the money at all.'],
    ];
    for (const [topic, text] of cases) expect(a.analyze(text).negative!.topics, text).toContain(topic);
  });
});

describe.skipIf(!hasModel)('classify model: odd input', () => {
  const a = forcedNegative();
  it.each([
    ['punctuation only', '！！！？？？'],
    ['emoji only', '😡😡😡'],
    ['one character', '差'],
    ['mixed scripts', '质量太差 the zipper broke 😡 12345'],
  ])('%s: a topic list and a nature, probabilities in [0, 1]', (_name, text) => {
    const r = a.analyze(text).negative!;
    expect(r.topics.length).toBeGreaterThan(0);
    expect(NATURES).toContain(r.nature);
    for (const e of r.evidence.filter((x) => x.source === 'model')) expect(e.weight === undefined || (e.weight >= 0 && e.weight <= 1)).toBe(true);
  });

  it('a very long review full of cues keeps finite probabilities', () => {
    const text = '快递太慢客服不理人质量太差假货过敏太贵了主播说的不一样'.repeat(400);
    const r = a.analyze(text).negative!;
    const weights = r.evidence.filter((x) => x.source === 'model').map((x) => x.weight);
    expect(weights.length).toBeGreaterThan(0);
    for (const w of weights) expect(Number.isFinite(w)).toBe(true);
    expect(r.topics).toContain('logistics');
  });
});
