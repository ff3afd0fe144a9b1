import { describe, expect, it } from 'vitest';
import { createAnalyzer, InputError, OptionsError, type Analyzer, type ReviewInput } from '../src/index.js';
import { SENTIMENT, NEGATIVE, SPAM, type TriageDoc } from '../src/extend.js';
import { normalQuantile, riskRatio, wilsonInterval } from '../src/triage/index.js';
import { readCsv, readJsonl, type SourceRecord } from '../src/cli/readers.js';
import { ALERT_MESSAGES } from '../src/triage/messages.js';
import type { InputLine } from '../src/cli/lines.js';

/**
 * The merchant's workflow (issue 14, items 1-3 and 7): own fields echoed,
 * slices, crisis levels, messages in the merchant's language. Sentiment and
 * topics are set by a marker in the text, so the tests check the batch
 * stages, not the classifiers.
 */
const NEG = '⊖';
const POS = '⊕';

function build(options: Parameters<typeof createAnalyzer>[0] = {}): Analyzer {
  const a = createAnalyzer(options);
  a.pipeline.add(
    {
      name: 'setup',
      run(doc: TriageDoc) {
        const text = doc.original;
        const evidence = [{ source: 'rule' as const, rule: 'test' }];
        if (text.includes(NEG)) {
          doc.set(SENTIMENT, { label: 'negative', score: -0.7, confidence: 0.9, evidence });
          doc.set(NEGATIVE, { nature: 'genuine_complaint', topics: text.includes('快递') ? ['logistics'] : ['quality'], evidence: [] });
        } else if (text.includes(POS)) {
          doc.set(SENTIMENT, { label: 'positive', score: 0.8, confidence: 0.9, evidence });
          doc.set(NEGATIVE, null);
        }
        doc.set(SPAM, { isSpam: false, score: 0, kinds: [], evidence: [], cluster: null });
      },
    },
    { before: 'severity' },
  );
  return a;
}
const analyzer = build();

async function* linesOf(text: string): AsyncGenerator<InputLine> {
  for (const l of text.split('\n')) yield l;
}
async function collect(gen: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}
const inputsOf = (records: SourceRecord[]) => records.map((r) => ('input' in r ? r.input : (expect.fail(`line ${r.line}: ${r.error}`) as never)));

describe('the merchant fields', () => {
  it('are accepted, keys become strings, and every item and queue entry echoes them with the time', () => {
    const r = analyzer.analyzeBatch([
      { id: 'a', text: `${NEG} 洗了一次就起球`, productId: 1001, sku: 'P1-red-M', orderId: 778899, country: 'DE', channel: 'DHL', agent: 'amy', platform: 'shop', timestamp: '2026-03-01T10:00:00+08:00', meta: { batch: 'B7', gift: true, weight: 0.4 } },
      { id: 'b', text: `${POS} 很好` },
    ]);
    const a = r.items[0]!;
    expect(a).toMatchObject({ id: 'a', productId: '1001', sku: 'P1-red-M', orderId: '778899', country: 'DE', channel: 'DHL', agent: 'amy', platform: 'shop', time: '2026-03-01T02:00:00.000Z', meta: { batch: 'B7', gift: true, weight: 0.4 } });
    expect(Object.keys(r.items[1]!)).not.toContain('productId');
    expect(r.items[1]!.time).toBeUndefined();
    const q = r.queue!.find((e) => e.id === 'a')!;
    expect(q).toMatchObject({ productId: '1001', orderId: '778899', channel: 'DHL', time: '2026-03-01T02:00:00.000Z' });
    // One review on its own echoes them too.
    expect(analyzer.analyze({ text: '还行', orderId: 'O-1' }).orderId).toBe('O-1');
  });

  it('keeps validating: unknown keys, an empty country, a nested meta value are rejected by the library', () => {
    expect(() => analyzer.analyze({ text: 'x', colour: 'red' } as unknown as ReviewInput)).toThrow(InputError);
    expect(() => analyzer.analyze({ text: 'x', country: ' ' })).toThrow(InputError);
    expect(() => analyzer.analyze({ text: 'x', meta: { a: { b: 1 } } } as unknown as ReviewInput)).toThrow(/meta/);
  });

  it('JSONL: unknown keys go to meta with one warning naming them; an explicit meta wins on a clash', async () => {
    const warnings: string[] = [];
    const jsonl = [
      JSON.stringify({ id: 1, text: `${NEG} 起球`, sku: 'S1', orderId: 'O1', country: 'FR', channel: 'UPS', warehouse: 'W2', batchNo: 17 }),
      JSON.stringify({ id: 2, text: `${POS} 好`, sku: 'S2', warehouse: 'W1', tags: ['x', 'y'], gone: null, meta: { warehouse: 'kept' } }),
    ].join('\n');
    const records = await collect(readJsonl(linesOf(jsonl), { onWarning: (w) => warnings.push(w) }));
    const inputs = inputsOf(records);
    expect(inputs[0]).toEqual({ id: 1, text: `${NEG} 起球`, sku: 'S1', orderId: 'O1', country: 'FR', channel: 'UPS', meta: { warehouse: 'W2', batchNo: 17 } });
    expect(inputs[1]).toEqual({ id: 2, text: `${POS} 好`, sku: 'S2', meta: { warehouse: 'kept', tags: '["x","y"]' } });
    expect(warnings).toEqual(['keys that are not review fields went to "meta": warehouse, batchNo, tags, gone']);
    // Every line analyses.
    const r = analyzer.analyzeBatch(inputs as ReviewInput[]);
    expect(r.items.map((i) => i.meta)).toEqual([{ warehouse: 'W2', batchNo: 17 }, { warehouse: 'kept', tags: '["x","y"]' }]);
  });

  it('CSV: Chinese headers map to the fields, other columns go to meta as text, and no row is rejected', async () => {
    const warnings: string[] = [];
    const csv = '评价内容,商品ID,SKU,订单号,国家,物流,客服,生产批次,仓库\n' + `${NEG} 起球,P1,P1-M,O-1,DE,DHL,amy,B7,\n` + `${POS} 好,P2,P2-L,O-2,FR,UPS,bob,B8,W1\n`;
    const records = await collect(readCsv(linesOf(csv), { onWarning: (w) => warnings.push(w) }));
    expect(records.every((r) => 'input' in r)).toBe(true);
    expect(inputsOf(records)).toEqual([
      { text: `${NEG} 起球`, productId: 'P1', sku: 'P1-M', orderId: 'O-1', country: 'DE', channel: 'DHL', agent: 'amy', meta: { 生产批次: 'B7' } },
      { text: `${POS} 好`, productId: 'P2', sku: 'P2-L', orderId: 'O-2', country: 'FR', channel: 'UPS', agent: 'bob', meta: { 生产批次: 'B8', 仓库: 'W1' } },
    ]);
    expect(warnings).toEqual(['CSV columns that are not review fields go to "meta": 生产批次, 仓库']);
  });

  it('CSV: an unnamed column and a repeated unknown name get keys of their own', async () => {
    const warnings: string[] = [];
    const records = await collect(readCsv(linesOf('text,note,,note\nhi,a,b,c\n'), { onWarning: (w) => warnings.push(w) }));
    expect(inputsOf(records)).toEqual([{ text: 'hi', meta: { note: 'a', column3: 'b', note_2: 'c' } }]);
    expect(warnings).toEqual(['CSV columns that are not review fields go to "meta": note, column3, note_2']);
  });
});

describe('slices', () => {
  // Product A: 10 reviews, 4 negative about quality; B: 10 reviews, 1 negative about logistics; C: 5, none.
  function shop(): ReviewInput[] {
    const out: ReviewInput[] = [];
    for (let i = 0; i < 10; i++) out.push({ id: `a${i}`, text: i < 4 ? `${NEG} 洗了就起球` : `${POS} 不错`, sku: 'A', channel: 'DHL', rating: i < 4 ? 1 : 5, timestamp: `2026-03-${String(1 + i).padStart(2, '0')}T10:00:00Z`, meta: { batch: i < 4 ? 'B7' : 'B8' } });
    for (let i = 0; i < 10; i++) out.push({ id: `b${i}`, text: i < 1 ? `${NEG} 快递太慢` : `${POS} 不错`, sku: 'B', channel: i < 5 ? 'DHL' : 'UPS', rating: i < 1 ? 2 : 4, timestamp: `2026-03-${String(1 + i).padStart(2, '0')}T10:00:00Z` });
    for (let i = 0; i < 5; i++) out.push({ id: `c${i}`, text: `${POS} 很好`, sku: 'C' });
    return out;
  }

  it('rank the products by negative rate and name their top topics, with counts and ratings', () => {
    const s = analyzer.analyzeBatch(shop()).summary!;
    const sku = s.slices!.sku!;
    expect(sku.values.map((v) => [v.value, v.reviews, v.negative, v.negativeRate])).toEqual([
      ['A', 10, 4, 0.4],
      ['B', 10, 1, 0.1],
      ['C', 5, 0, 0],
    ]);
    expect(sku.values[0]!.topics.map((t) => [t.topic, t.reviews, t.share])).toEqual([['quality', 4, 1]]);
    expect(sku.values[1]!.topics[0]!.topic).toBe('logistics');
    expect(sku.values[0]!.averageRating).toBe(3.4);
    expect(sku.values[2]!.averageRating).toBeNull();
    expect(sku.missing).toBe(0);
    // Channel: 15 DHL reviews, 5 UPS; the five undated C reviews have no channel.
    expect(s.slices!.channel!.missing).toBe(5);
    expect(s.slices!.channel!.values.map((v) => v.value)).toEqual(['DHL', 'UPS']);
    // Dimensions no review has are left out; meta keys only when named.
    expect(Object.keys(s.slices!)).toEqual(['sku', 'channel']);
  });

  it('the lift of a topic is its rate in the slice over its rate elsewhere, with a log-ratio interval, from sliceMinSupport reviews', () => {
    const s = analyzer.analyzeBatch(shop()).summary!;
    const quality = s.slices!.sku!.values[0]!.topics[0]!;
    // A: 4 of 10 reviews about quality; the other 15 reviews: none. 0.5 is added to both counts (Haldane-Anscombe).
    const expected = (4.5 / 11) / (0.5 / 16);
    expect(quality.lift).toBeCloseTo(expected, 2);
    // With a zero cell the interval is wide: 4 reviews are not proof on their own.
    const se = Math.sqrt(1 / 4.5 - 1 / 11 + 1 / 0.5 - 1 / 16);
    expect(quality.interval![0]).toBeCloseTo(expected * Math.exp(-1.959964 * se), 2);
    expect(quality.interval![1]).toBeCloseTo(expected * Math.exp(1.959964 * se), 1);
    // B's one logistics review is under the default support of 3: no lift.
    expect(s.slices!.sku!.values[1]!.topics[0]!.lift).toBeNull();
    const low = analyzer.analyzeBatch(shop(), { summary: { sliceMinSupport: 1 } }).summary!;
    expect(low.slices!.sku!.values[1]!.topics[0]!.lift).not.toBeNull();
  });

  it('a meta key named in sliceBy is a dimension (a production batch)', () => {
    const s = analyzer.analyzeBatch(shop(), { summary: { sliceBy: ['batch'] } }).summary!;
    expect(s.slices!.batch!.values.map((v) => [v.value, v.negativeRate])).toEqual([
      ['B7', 1],
      ['B8', 0],
    ]);
    expect(s.slices!.batch!.missing).toBe(15);
  });

  it('this period against the previous one of the same length, per slice', () => {
    const s = analyzer.analyzeBatch(shop(), { summary: { slicePeriodDays: 5 } }).summary!;
    const a = s.slices!.sku!.values.find((v) => v.value === 'A')!;
    // Days 6-10 are this period (no negatives), days 1-5 the previous (4 of 5 negative).
    expect(a.current).toEqual({ from: '2026-03-06', to: '2026-03-10', reviews: 5, negative: 0, negativeRate: 0 });
    expect(a.previous).toEqual({ from: '2026-03-01', to: '2026-03-05', reviews: 5, negative: 4, negativeRate: 0.8 });
    expect(a.negativeRateChange).toBe(-0.8);
    const c = s.slices!.sku!.values.find((v) => v.value === 'C')!;
    expect(c.current!.reviews).toBe(0);
    expect(c.negativeRateChange).toBeNull();
  });

  it('caps values per dimension at sliceMaxValues, keeping the most reviewed', () => {
    const s = analyzer.analyzeBatch(shop(), { summary: { sliceMaxValues: 2 } }).summary!;
    expect(s.slices!.sku!.values.map((v) => v.value).sort()).toEqual(['A', 'B']);
    expect(s.slices!.sku!.omitted).toBe(1);
    expect(() => analyzer.analyzeBatch(shop(), { summary: { sliceMinSupport: 0 } })).toThrow(OptionsError);
  });

  it('the interval helpers agree with worked values', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.575829, 5);
    // Wilson, 4 of 10 at 95 %: 0.168 to 0.687.
    const w = wilsonInterval(4, 10, 1.959964)!;
    expect(w[0]).toBeCloseTo(0.1682, 3);
    expect(w[1]).toBeCloseTo(0.6873, 3);
    // Risk ratio 20/100 over 10/100 = 2, Katz interval exp(ln 2 +- 1.96 sqrt(1/20 - 1/100 + 1/10 - 1/100)).
    const rr = riskRatio(20, 100, 10, 100, 1.959964)!;
    const se = Math.sqrt(1 / 20 - 1 / 100 + 1 / 10 - 1 / 100);
    expect(rr.ratio).toBeCloseTo(2, 9);
    expect(rr.interval[0]).toBeCloseTo(2 * Math.exp(-1.959964 * se), 6);
    expect(riskRatio(1, 10, 0, 0, 1.96)).toBeNull();
  });
});

/** A daily series: `rates[d]` of `perDay` reviews on day d+1 are negative (rounded), for product `sku` when given. */
function series(rates: number[], perDay = 50, sku?: string, start = 1): ReviewInput[] {
  const out: ReviewInput[] = [];
  rates.forEach((rate, d) => {
    const neg = Math.round(rate * perDay);
    const date = new Date(Date.UTC(2026, 4, start + d, 10)).toISOString();
    for (let i = 0; i < perDay; i++) out.push({ id: `${sku ?? 's'}-${d}-${i}`, text: i < neg ? `${NEG} 质量不行` : `${POS} 不错`, timestamp: date, ...(sku ? { sku } : {}) });
  });
  return out;
}
const kinds = (inputs: ReviewInput[], options = {}) => analyzer.analyzeBatch(inputs, options).alerts!.map((a) => a.kind);
const CRISIS_KINDS = ['negative_rate_spike', 'core_product_negative', 'routine_negative_rate', 'penalty_line'];
const crisis = (inputs: ReviewInput[], options = {}) => kinds(inputs, options).filter((k) => CRISIS_KINDS.includes(k));

describe('crisis levels', () => {
  it('a stable and a slightly noisy series under the 2 % line raise none', () => {
    expect(crisis(series([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01], 100))).toEqual([]);
    expect(crisis(series([0.01, 0.02, 0.01, 0, 0.01, 0.02, 0.01, 0.01, 0, 0.01], 100))).toEqual([]);
  });

  it('level 1: the day\'s negative rate up 50 % on the trailing baseline, with the plan and evidence', () => {
    const inputs = series([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.1], 100);
    const r = analyzer.analyzeBatch(inputs);
    const spike = r.alerts!.find((a) => a.kind === 'negative_rate_spike')!;
    expect(spike).toMatchObject({ level: 'level-1', crisisLevel: 'level-1', window: { from: '2026-05-07', to: '2026-05-07' } });
    expect(spike.plan!.deadlines).toEqual([{ what: 'Public statement', withinHours: 24 }]);
    expect(spike.evidenceIds).toHaveLength(10);
    expect(r.alerts!.some((a) => a.kind === 'core_product_negative')).toBe(false);
  });

  it('level 1: a spreading campaign carries the level-1 plan; a campaign that is not spreading does not', () => {
    const a = build();
    a.batchPipeline.remove('flood');
    const copies = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, text: `${NEG} 这家店卖的全是假货大家千万别买 ${'！'.repeat(i % 2)}`, authorId: `u${i}`, timestamp: `2026-05-01T10:0${i}:00Z` }));
    const r = a.analyzeBatch(copies, { alerts: { campaigns: 'all' } });
    const campaign = r.alerts!.find((x) => x.kind === 'campaign');
    expect(campaign).toBeDefined();
    expect(campaign!.crisisLevel).toBeUndefined();
    const spreading = analyzer.analyzeBatch(copies).alerts!.find((x) => x.kind === 'campaign');
    expect(spreading?.crisisLevel).toBe('level-1');
    expect(spreading?.plan?.lead).toMatch(/lead/);
  });

  it('level 2: a core product above 15 % negative for 3 consecutive days, not for 2, with the contact target', () => {
    const quiet = series(Array(10).fill(0.0), 40, 'MAIN');
    const three = [...series([0, 0, 0, 0, 0.3, 0.3, 0.3, 0, 0, 0], 40, 'HOT'), ...quiet];
    const r = analyzer.analyzeBatch(three, { alerts: { penaltyLineRate: 0.5 } });
    const core = r.alerts!.filter((a) => a.kind === 'core_product_negative');
    expect(core).toHaveLength(1);
    expect(core[0]).toMatchObject({ level: 'level-2', crisisLevel: 'level-2', slice: { dimension: 'product', value: 'HOT' }, window: { from: '2026-05-05', to: '2026-05-07' } });
    expect(core[0]!.plan).toMatchObject({ contactNegativeShare: 0.8, deadlines: [{ what: 'Cause report', withinHours: 48 }] });
    expect(core[0]!.evidenceIds).toHaveLength(36);
    expect(core[0]!.evidenceIds.every((id) => id.startsWith('HOT-'))).toBe(true);
    const two = [...series([0, 0, 0, 0, 0.3, 0.3, 0, 0, 0, 0], 40, 'HOT'), ...quiet];
    expect(crisis(two, { alerts: { penaltyLineRate: 0.5 } })).not.toContain('core_product_negative');
    // Not a core product: an explicit list that leaves it out.
    expect(crisis(three, { alerts: { penaltyLineRate: 0.5, coreProducts: ['MAIN'] } })).not.toContain('core_product_negative');
    // Top 1 by volume: HOT and MAIN tie on volume, and HOT comes first by id.
    expect(crisis(three, { alerts: { penaltyLineRate: 0.5, coreProductsTop: 1 } })).toContain('core_product_negative');
  });

  it('ten days at a steady 20 % negative rate raise an alert (level 2 for the shop, the penalty line), not a spike', () => {
    const r = analyzer.analyzeBatch(series(Array(10).fill(0.2), 50));
    const got = r.alerts!.filter((a) => CRISIS_KINDS.includes(a.kind));
    expect(got.map((a) => a.kind)).toEqual(['core_product_negative', 'penalty_line']);
    expect(got[0]!.message).toContain('The shop was above 15% negative for 10 consecutive days');
    expect(got[0]!.slice).toBeUndefined();
  });

  it('level 3: a routine 5-10 % daily rate, and not above or below that band', () => {
    const routine = analyzer.analyzeBatch(series(Array(10).fill(0.07), 100)).alerts!;
    const l3 = routine.find((a) => a.kind === 'routine_negative_rate')!;
    expect(l3).toMatchObject({ level: 'level-3', crisisLevel: 'level-3', value: 0.07, window: { from: '2026-05-01', to: '2026-05-10' } });
    expect(l3.plan!.steps).toEqual(['Work the normal queue with the reply templates.']);
    expect(routine.map((a) => a.kind)).not.toContain('negative_rate_spike');
    expect(routine.map((a) => a.kind)).not.toContain('core_product_negative');
    expect(crisis(series(Array(10).fill(0.2), 50))).not.toContain('routine_negative_rate');
    expect(crisis(series(Array(10).fill(0.03), 100))).not.toContain('routine_negative_rate');
  });

  it('the platform penalty line fires at a 2 % rate over the window, and its threshold is an option', () => {
    const at3 = analyzer.analyzeBatch(series(Array(10).fill(0.03), 100)).alerts!;
    const line = at3.find((a) => a.kind === 'penalty_line')!;
    expect(line).toMatchObject({ level: 'orange', crisisLevel: 'penalty-line', value: 0.03, baseline: 0.02 });
    expect(line.evidenceIds).toHaveLength(30);
    expect(crisis(series(Array(10).fill(0.03), 100), { alerts: { penaltyLineRate: 0.05 } })).not.toContain('penalty_line');
  });

  it('plans are data a user overrides field by field; unknown plan keys are refused', () => {
    const r = analyzer.analyzeBatch(series(Array(10).fill(0.2), 50), { alerts: { plans: { 'level-2': { lead: 'Mia (product owner)' } } } });
    const plan = r.alerts!.find((a) => a.kind === 'core_product_negative')!.plan!;
    expect(plan.lead).toBe('Mia (product owner)');
    expect(plan.deadlines[0]!.withinHours).toBe(48);
    expect(() => analyzer.analyzeBatch([], { alerts: { plans: { 'level-9': {} } } })).toThrow(OptionsError);
  });
});

describe('locale', () => {
  it("'zh' gives Chinese alert messages, plans, reasons and actions; 'en' stays English", () => {
    const zh = build({ locale: 'zh' });
    const r = zh.analyzeBatch(series(Array(10).fill(0.2), 50));
    const core = r.alerts!.find((a) => a.kind === 'core_product_negative')!;
    expect(core.message).toMatch(/^店铺连续 10 天差评率高于 15%/);
    expect(core.plan!.lead).toBe('商品负责人');
    const harm = zh.analyze({ text: `${NEG} 用了以后过敏了，起疹子，我要去12315投诉` });
    expect(harm.severity.reasons.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(harm.severity.actions.length).toBeGreaterThan(0);
    expect(harm.severity.actions.every((a) => /[\u4e00-\u9fff]/.test(a))).toBe(true);
    const en = analyzer.analyze({ text: `${NEG} 用了以后过敏了，起疹子，我要去12315投诉` });
    expect(en.severity.actions.every((a) => !/[\u4e00-\u9fff]/.test(a))).toBe(true);
  });

  it('reasonLanguage stays a deprecated alias of locale in the severity options; a stage locale wins over the analyzer one', () => {
    const old = build({ stageOptions: { severity: { reasonLanguage: 'zh' } } });
    const a = old.analyze({ text: `${NEG} 用了以后过敏了，起疹子` });
    expect(a.severity.reasons.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(a.severity.actions.every((x) => /[\u4e00-\u9fff]/.test(x))).toBe(true);
    const mixed = build({ locale: 'zh', stageOptions: { alerts: { locale: 'en' } } });
    const r = mixed.analyzeBatch(series(Array(10).fill(0.2), 50));
    expect(r.alerts!.find((x) => x.kind === 'penalty_line')!.message).toMatch(/^The negative rate/);
    expect(() => createAnalyzer({ locale: 'fr' as 'en' })).toThrow(OptionsError);
  });

  it('the two message tables have the same keys and placeholders', () => {
    const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(ALERT_MESSAGES.zh).sort()).toEqual(Object.keys(ALERT_MESSAGES.en).sort());
    for (const k of Object.keys(ALERT_MESSAGES.en) as Array<keyof typeof ALERT_MESSAGES.en>) expect(names(ALERT_MESSAGES.zh[k]), k).toEqual(names(ALERT_MESSAGES.en[k]));
  });

  it('days are cut at utcOffsetMinutes: a review at 20:00 UTC falls on the next day at +08:00', () => {
    const inputs: ReviewInput[] = [{ id: 'late', text: `${POS} 好`, timestamp: '2026-05-01T20:00:00Z', sku: 'A' }];
    expect(analyzer.analyzeBatch(inputs).summary!.daily[0]!.date).toBe('2026-05-01');
    const r = analyzer.analyzeBatch(inputs, { summary: { utcOffsetMinutes: 480 } });
    expect(r.summary!.daily[0]!.date).toBe('2026-05-02');
    expect(r.summary!.slices!.sku!.values[0]!.current!.to).toBe('2026-05-02');
  });
});
